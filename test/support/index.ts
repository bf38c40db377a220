export * from './tokens';
export * from './gateway-harness';
export * from './scan-requests';
export * from './postgres';
export * from './jwks-server';
