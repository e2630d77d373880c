#!/usr/bin/env node
// The executable: calls the CLI, nothing else. The TypeScript sources are
// written to dist/ by `npm install` (the `prepare` script), and the CLI is
// bundled into one file (scripts/build.js) so it starts in half the time.
// Without the bundle, or with one older than the modules, the modules load
// one by one, with the same result (test/cli/cli.test.ts holds them to it).
import { statSync } from 'node:fs';
import { raiseInliningBudget } from '../dist/cli/jit-budget.js';

raiseInliningBudget(); // before any run is compiled (src/cli/jit-budget.ts)

const bundle = new URL('../dist/cli/apigw-sim.bundle.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const { main } = await import(modified(bundle) >= modified(modules) ? bundle.href : modules.href);
process.exitCode = await main(process.argv);
