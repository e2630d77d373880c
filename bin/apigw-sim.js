#!/usr/bin/env node
// The executable: calls the CLI, nothing else. The TypeScript sources are
// compiled to dist/ by `npm install` (the `prepare` script), and the CLI is
// bundled into one file (scripts/bundle-cli.js) so it starts in a third of
// the time; without the bundle (a build that ran only tsc) the modules load
// one by one, with the same result.
import { existsSync } from 'node:fs';
import { raiseInliningBudget } from '../dist/cli/jit-budget.js';

raiseInliningBudget(); // before any run is compiled (src/cli/jit-budget.ts)

const bundle = new URL('../dist/cli/apigw-sim.bundle.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
process.exitCode = await main(process.argv);
