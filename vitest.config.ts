import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check-seed.ts'],
    // one temporary root for the whole run, removed at its end (test/setup/temp-root.ts)
    globalSetup: ['test/setup/temp-root.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // statistical validation suites are CPU-bound; two cores on CI
    pool: 'forks',
    // the test files of a worker share their imported modules instead of importing the sources
    // again for each file: the suite spent more time importing than in many files' tests. A test
    // about a fresh process's state runs one (test/metrics/histogram-build.test.ts)
    isolate: false,
    unstubEnvs: true,
    // vitest leaves one core free by default; CI has two and nothing else to do
    maxWorkers: 2,
  },
});
