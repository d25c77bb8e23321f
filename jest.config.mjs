// Jest runs in ESM mode: every @nestjs/* 12 package is ESM-only (see shared TOOLCHAIN.md).
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps/contact-center', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@app/(contracts|core|auth|customers|segments|scripts|campaigns|telephony|dispatch|conversations|agent-desk)$': '<rootDir>/libs/$1/src/index.ts',
    // our sources' `./x.js` → `./x` (ts-jest finds the .ts); not a package's `x.json.js` ESM wrapper
    // (libphonenumber-js), which would become a bare JSON import Jest warns about on every file
    '^(\\.{1,2}/.*(?<!\\.json))\\.js$': '$1',
  },
  testTimeout: 60000,
};
