export * from './tokens';
export * from './gateway-harness';
export * from './scan-requests';
export * from './postgres';
export * from './jwks-server';
export * from './eventually';
export * from './metrics-text';
export * from './gateway-process';
