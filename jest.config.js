/**
 * Jest runs TypeScript through SWC (fast, and it emits the decorator metadata
 * Nest's DI needs). NestJS 12 ships as pure ESM; Node 20 loads it through
 * require(esm), but Jest's own module loader does not, so those packages are
 * transformed to CommonJS as well.
 */
const esmPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'load-esm', 'jose'];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleNameMapper: {
    '^@app/huawei-cloud$': '<rootDir>/libs/huawei-cloud/src',
    '^@app/policy$': '<rootDir>/libs/policy/src',
    '^@app/audit$': '<rootDir>/libs/audit/src',
    '^@app/hss-sandbox$': '<rootDir>/apps/hss-sandbox/src',
    '^@app/testing$': '<rootDir>/test/support',
  },
  testTimeout: 30000,
};
