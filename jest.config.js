// ESM TypeScript through ts-jest; test-support/ and scripts/ are plain ESM JavaScript.
import { availableParallelism } from 'node:os'

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: ['TS151001'] } }
    ]
  },
  testTimeout: 30000,
  // One worker more than cores (jest's default is one less): many suites spend their time waiting
  // on the bundles they start and on retries, and a spare suite keeps the cores busy meanwhile.
  maxWorkers: availableParallelism() + 1,
  reporters: ['default', '<rootDir>/test-support/closing-line-reporter.js'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'json-summary']
}
