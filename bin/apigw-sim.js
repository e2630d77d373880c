#!/usr/bin/env node
// The executable: calls the CLI, nothing else. The TypeScript sources are
// written to dist/ by `npm install` (the `prepare` script), and the CLI is
// bundled into one file (scripts/build.js) so it starts in half the time;
// the bundle is loaded with V8's code cache (src/io/bundle-loader.ts), which
// saves another quarter. Without the bundle, or with one older than the
// modules, the modules load one by one, with the same result
// (test/cli/cli.test.ts holds them to it).
import { fileURLToPath } from 'node:url';
import { raiseInliningBudget } from '../dist/cli/jit-budget.js';
import { bundleIsCurrent, compileCacheDir, loadBundle } from '../dist/io/bundle-loader.js';

raiseInliningBudget(); // before any run is compiled (src/cli/jit-budget.ts)

const bundle = fileURLToPath(new URL('../dist/cli/apigw-sim.bundle.cjs', import.meta.url));
const modules = new URL('../dist/cli/main.js', import.meta.url);
if (bundleIsCurrent(bundle, fileURLToPath(modules))) {
  const { bundle: cli, saveCache } = loadBundle(bundle, compileCacheDir());
  process.exitCode = await cli.main(process.argv);
  saveCache();
} else {
  const { main } = await import(modules.href);
  process.exitCode = await main(process.argv);
}
