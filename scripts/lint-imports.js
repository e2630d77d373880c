#!/usr/bin/env node
// Enforces the one-way dependencies of DESIGN §2: cli/web -> experiment ->
// scenario -> model -> engine. catalog/ (sourced data: entry points,
// integrations, billed services) imports nothing and is read by all.
// engine imports nothing else from src/. metrics is used by the model and read
// by cost and report, and reads neither. cost prices usage it is handed, and
// imports only catalog and metrics. scenario may read cost's price tables (a
// scenario's Region and a --prices file are checked when it is parsed) but
// never prices anything: only the files listed in `costForScenario`. cli
// reaches the model only through scenario and catalog. io reads the files a
// user names (with limits) and imports nothing else from src/; scenario,
// report, experiment and cli read through it. import reads templates into
// scenarios: it checks what it writes with scenario/, never runs the model.
// calibrate reads metric exports and fits scenarios to them: it reads and
// writes scenarios through scenario/ and a run's records through metrics/,
// draws with report/, and never imports the model (cli runs the scenario).
// Components import each other for types only: a value import from one
// service folder of model/ to another is refused (model/shared and
// model/component.ts are for all).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');
const allowed = {
  catalog: ['catalog'],
  engine: ['engine'],
  io: ['io'],
  model: ['model', 'engine', 'metrics', 'catalog'],
  metrics: ['metrics', 'catalog'],
  cost: ['cost', 'metrics', 'catalog'],
  scenario: ['scenario', 'model', 'engine', 'metrics', 'catalog', 'cost', 'io'],
  report: ['report', 'metrics', 'cost', 'catalog', 'io'],
  experiment: ['experiment', 'scenario', 'metrics', 'cost', 'catalog', 'io'],
  import: ['import', 'scenario', 'catalog', 'io'],
  calibrate: ['calibrate', 'scenario', 'metrics', 'report', 'catalog', 'io'],
  cli: ['cli', 'experiment', 'scenario', 'report', 'cost', 'metrics', 'catalog', 'io', 'import', 'calibrate'],
};
/** The only files of cost/ that scenario/ may import: price tables, never a pricing function. */
const costForScenario = ['cost/price-table.ts', 'cost/prices.ts', 'cost/monthly-usage.ts', 'cost/run-usage.ts'];
/** What every component may import values from: model/shared/, the failure effects, and the files at model/'s top (the contract, the lifecycle, stage timing, the window). */
const modelShared = ['shared', 'failure'];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const problems = [];
for (const file of files(root)) {
  const path = relative(root, file);
  const layer = path.split('/')[0];
  const rules = allowed[layer];
  if (!rules) continue;
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^\s*(import|export)(\s+type)?[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = relative(root, resolve(dirname(file), match[3]));
    const targetLayer = target.split('/')[0];
    if (targetLayer.startsWith('..') || targetLayer.endsWith('.js')) continue;
    if (!rules.includes(targetLayer)) problems.push(`${path}: imports ${match[3]} (${layer} may import only ${rules.join(', ')})`);
    else if (layer === 'scenario' && targetLayer === 'cost' && !costForScenario.includes(target.replace(/\.js$/, '.ts'))) problems.push(`${path}: imports ${match[3]} (scenario may read price tables, not price: ${costForScenario.join(', ')})`);
    else if (layer === 'model' && targetLayer === 'model' && match[2] === undefined) {
      const from = path.split('/')[1];
      const to = target.split('/')[1].replace(/\.js$/, '.ts');
      if (from !== to && !modelShared.includes(to) && !to.endsWith('.ts') && !from.endsWith('.ts')) problems.push(`${path}: imports ${match[3]} (a component imports another service's folder for types only: import type)`);
    }
  }
}
if (problems.length > 0) {
  console.error(`dependency rule broken:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('imports: dependencies point one way');
