import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Three projects: fast unit tests (Node), dashboard component tests (jsdom), and end-to-end tests
// that need root and bring up the lab (test/lab) once for the whole run.
export default defineConfig({
  test: {
    // Most tests wait on sockets and timeouts, not the CPU: more workers than cores pays off.
    maxWorkers: 4,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // A guard against hangs, not a speed target: PDFs, CLI processes and real daemons take
          // several times longer when CI's two cores are busy with four workers (seen: 20 s missed).
          testTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'frontend',
          include: ['test/frontend/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // The lab is one shared network: e2e files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
