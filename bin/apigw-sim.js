#!/usr/bin/env node
// The executable: calls the CLI, nothing else. The TypeScript sources are
// compiled to dist/ by `npm install` (the `prepare` script).
import { main } from '../dist/cli/main.js';
import { raiseInliningBudget } from '../dist/cli/jit-budget.js';

raiseInliningBudget(); // before any run is compiled (src/cli/jit-budget.ts)

process.exitCode = await main(process.argv);
