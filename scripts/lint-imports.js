#!/usr/bin/env node
// Enforces the one-way dependencies of DESIGN §2 / STYLE "Layout":
// engine imports nothing else from src/; model imports only engine and metrics;
// metrics, cost and report never import model, scenario or cli; scenario may
// read cost's price tables (a scenario's region and the --prices file are checked there).
// metrics may read the bill's vocabulary (cost/cost-line: the services a
// threshold on `cost.<service>` may name, checked when the scenario is parsed);
// cost itself imports only cost, so the two never import each other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');
const allowed = {
  engine: ['engine'],
  model: ['model', 'engine', 'metrics'],
  metrics: ['metrics', 'cost'],
  cost: ['cost'],
  scenario: ['scenario', 'model', 'engine', 'metrics', 'cost'],
  report: ['report', 'metrics', 'cost'],
  experiment: ['experiment', 'scenario', 'metrics', 'cost'],
  cli: ['cli', 'experiment', 'scenario', 'report', 'cost', 'metrics', 'model', 'engine'],
};

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const problems = [];
for (const file of files(root)) {
  const layer = relative(root, file).split('/')[0];
  const rules = allowed[layer];
  if (!rules) continue;
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = relative(root, resolve(dirname(file), match[1])).split('/')[0];
    if (target.startsWith('..') || target.endsWith('.js')) continue;
    if (!rules.includes(target)) problems.push(`${relative(root, file)}: imports ${match[1]} (${layer} may import only ${rules.join(', ')})`);
  }
}
if (problems.length > 0) {
  console.error(`dependency rule broken:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('imports: dependencies point one way');
