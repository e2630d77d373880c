#!/usr/bin/env node
// Regenerates the README's images under docs/ from the shipped scenarios
// (`npm run docs:images`): the same commands a user runs, so the pictures
// stay true to the tool. Needs node-canvas (README: PNG charts).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const cli = join(root, 'bin', 'apigw-sim.js');
const work = mkdtempSync(join(tmpdir(), 'apigw-sim-docs-'));
const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });

const run = (...args) => execFileSync(process.execPath, [cli, ...args, '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });

run('run', 'scenarios/retry-storm.yaml', '--out', join(work, 'storm'));
run('run', 'scenarios/retry-storm-mitigated.yaml', '--out', join(work, 'mitigated'));
run('run', 'scenarios/rest-lambda-basic.yaml', '--out', join(work, 'basic'));
run('compare', 'scenarios/rest-lambda-basic.yaml', '--out', join(work, 'compare'));

const images = [
  ['storm/charts/outcomes.png', 'retry-storm-outcomes.png'],
  ['mitigated/charts/outcomes.png', 'retry-storm-mitigated-outcomes.png'],
  ['storm/charts/latency-cdf.png', 'retry-storm-latency-cdf.png'],
  ['basic/charts/latency.png', 'rest-lambda-basic-latency.png'],
  ['compare/charts/cost.png', 'compare-cost.png'],
  ['compare/charts/crossover.png', 'compare-crossover.png'],
];
for (const [from, to] of images) copyFileSync(join(work, from), join(docs, to));
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${images.map(([, to]) => `docs/${to}`).join(', ')}`);
