// Vitest projects: unit tests; integration and browser tests against a real Docker Engine (the current one, and the
// engine-layer tests on an older one too); faults with real processes killed; VM tests under QEMU.
import { defineConfig } from 'vitest/config';

/** Integration tests of Berth's engine layer, run on the current engine and on the older one. */
const ENGINE_LAYER_TESTS = [
  'containers',
  'images',
  'volumes',
  'networks',
  'system',
  'streams',
  'events',
  'container-files',
  'volume-files',
  'berth-own',
  'helper-removal',
  'capabilities',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/unit/**/*.test-d.ts'], tsconfig: './tsconfig.node.json' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The engine-layer tests again, on the host's older engine (Debian bookworm's docker 20.10, API 1.41).
        test: {
          name: 'integration-legacy',
          include: ENGINE_LAYER_TESTS.map((name) => `test/integration/${name}.test.ts`),
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Faults with real processes killed: each file starts its own dockerd, so it can SIGKILL and restart it.
        // The built renderer too, for the faults seen in Chromium.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Load on the built main: many containers, streams and terminals at once, and a 10-minute soak.
        test: {
          name: 'load',
          include: ['test/load/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'vm',
          include: ['test/vm/**/*.test.ts'],
          globalSetup: ['test/vm/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
