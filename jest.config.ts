import type { Config } from 'jest';
import { createDefaultEsmPreset } from 'ts-jest';

const config: Config = {
  ...createDefaultEsmPreset({ tsconfig: '<rootDir>/tsconfig.base.json' }),
  testEnvironment: 'node',
  // Workspace packages resolve to their TypeScript sources through this export condition.
  testEnvironmentOptions: { customExportConditions: ['@wirecraft/source', 'node', 'node-addons'] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/{packages,apps}/*/{src,test}/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Lab tests create namespaces and run real peers: give them room, never a timed assertion.
  testTimeout: 30_000,
};

export default config;
