import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{core,db,main,preload,renderer,server,scripts,bench}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.it.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'it',
          include: ['{server,main,db}/**/*.it.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['server/test/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
