export * from './tokens';
export * from './gateway-harness';
export * from './scan-requests';
