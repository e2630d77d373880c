#!/usr/bin/env node
// The executable: calls the CLI, nothing else. The TypeScript sources are
// compiled to dist/ by `npm install` (the `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
