import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // the tests import the built modules (dist/, `npm run build`, which `npm test` runs first and
    // test/setup/built.ts runs when src/ is newer), loaded by Node itself as the CLI loads them: vite's
    // transform turned every imported name into a property read, and the simulation ran 40 % slower
    // under it (bench/NOTES.md). dist/ is src/ with its types stripped, module for module
    alias: [{ find: /^((?:\.\.\/)+)src\/(.+\.js)$/, replacement: '$1dist/$2' }],
  },
  // a build rewrites dist/: the edit of src/ it came from has rerun the tests already
  server: { watch: { ignored: ['**/dist/**'] } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check-seed.ts'],
    // one temporary root for the whole run, removed at its end (test/setup/temp-root.ts)
    globalSetup: ['test/setup/temp-root.ts', 'test/setup/built.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // statistical validation suites are CPU-bound; two cores on CI
    pool: 'forks',
    // the test files of a worker share their imported modules instead of importing the sources
    // again for each file: the suite spent more time importing than in many files' tests. A test
    // about a fresh process's state runs one (test/metrics/histogram-build.test.ts)
    isolate: false,
    unstubEnvs: true,
    // dist/ is imported by Node, not through vite (see resolve.alias)
    server: { deps: { external: [/\/dist\//] } },
    // the tests run dist/, which no test's module graph links to src/: an edit of src/ reruns them all in
    // watch mode, after test/setup/built.ts has built again
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/src/**'],
    // vitest leaves one core free by default; CI has two and nothing else to do
    maxWorkers: 2,
  },
});
