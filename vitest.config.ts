import { defineConfig } from 'vitest/config';

// Four projects; scripts/test.sh runs `pcsc`, `centre` and `e2e` with --no-file-parallelism (one pcscd serves a machine;
// each centre file starts its own PostgreSQL cluster and device processes).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/pcsc/**', 'tests/e2e/**', 'tests/centre/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pcsc',
          include: ['tests/pcsc/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // A real PostgreSQL cluster per file (tests/helpers/pgCluster.ts); run serially.
        test: {
          name: 'centre',
          include: ['tests/centre/**/*.test.ts'],
          environment: 'node',
          testTimeout: 200_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
