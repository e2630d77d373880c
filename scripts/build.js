#!/usr/bin/env node
/**
 * `npm run build`: src/ to dist/, with rolldown, in three steps.
 *
 * 1. Every module of src/ is written to dist/ one for one, its TypeScript
 *    types stripped and nothing else changed (ES2022, tsconfig.json's
 *    target; class fields keep their define semantics, as tsc emits them):
 *    paths a module finds from its own place (io/package-files.ts: dist/io/
 *    and dist/cli/ at the same depth) hold, and piscina's workers load
 *    dist/experiment/replication-worker.js. JSON a module imports becomes a
 *    module of its own beside it, and every JSON file of src/ is copied to
 *    its place in dist/ too (the price tables the hints name). Each module
 *    has its source map beside it: the tests run these modules, and vitest
 *    reads the maps to show a failure's stack in src/ (the package leaves
 *    them out). Types are checked by `npm run lint` (tsc --noEmit), not
 *    here: tsc took 10 s of CPU to emit what this writes in 0.3 s, on every
 *    `npm install` and before every `npm test`.
 * 2. dist/cli/main.js and the modules it imports are bundled into one file,
 *    dist/cli/apigw-sim.bundle.cjs, which bin/apigw-sim.js loads: Node's ES
 *    module loader spends most of a command's start-up resolving, reading
 *    and linking modules one by one, and one file cuts `apigw-sim --version`
 *    from about 0.4 s to 0.15 s. It is CommonJS, not an ES module: Node 20
 *    can hand V8 a code cache for a script, not for an ES module
 *    (src/io/bundle-loader.ts); an `import()` of a package left out becomes
 *    a `require()`, which needs nothing of node:vm's experimental parts
 *    (the packages it loads, chartjs-node-canvas, are CommonJS). Left out of it, and loaded as usual when
 *    used: node's own modules; piscina; the optional canvas and
 *    chartjs-node-canvas (PNG charts).
 * 3. The worker thread of replications and sweeps is bundled the same way,
 *    into dist/experiment/replication-worker.bundle.cjs (piscina loads it,
 *    src/experiment/replication-pool.ts): each thread loaded its 150 modules
 *    one by one, 0.35 s of CPU a thread before its first run.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const files = readdirSync(src, { recursive: true }).sort();
const modules = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => join(src, f));

// from nothing: a module deleted or renamed in src/ must not live on in dist/, where the package and the tests would find it
rmSync(dist, { recursive: true, force: true });

await build({
  input: modules,
  platform: 'node',
  // every package stays an import: dist/ is the sources, not a bundle
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  transform: { target: 'es2022' },
  logLevel: 'warn',
  output: { dir: dist, format: 'esm', preserveModules: true, preserveModulesRoot: src, sourcemap: true },
});

// the JSON files beside the modules, as tsc copied them: the price tables a user copies (the hints
// name dist/cost/prices/<Region>.json) and the data a module imports
for (const f of files.filter((f) => f.endsWith('.json'))) cpSync(join(src, f), join(dist, f));

for (const [input, file] of [
  ['cli/main.js', 'cli/apigw-sim.bundle.cjs'],
  ['experiment/replication-worker.js', 'experiment/replication-worker.bundle.cjs'],
]) {
  await build({
    input: join(dist, input),
    platform: 'node',
    external: [/^node:/, /^piscina(\/|$)/, /^canvas(\/|$)/, /^chartjs-node-canvas(\/|$)/],
    logLevel: 'silent',
    // named: a default export is `exports.default`, as it reads in ESM (src/experiment/replication-worker-entry.ts)
    // strict, as the ES modules it is made of are ("use strict" opens each bundle)
    output: { file: join(dist, file), format: 'cjs', exports: 'named', strict: true, dynamicImportInCjs: false, sourcemap: false },
  });
}
