export * from './tokens';
export * from './gateway-harness';
