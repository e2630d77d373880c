#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/cli/main.js and the ~540 modules it
 * imports) into one file, dist/cli/apigw-sim.bundle.js, which
 * bin/apigw-sim.js loads: Node's ES module loader spends most of a
 * command's start-up resolving, reading and linking modules one by one, and
 * one file cuts `apigw-sim --version` from about 0.4 s to 0.15 s.
 *
 * The bundle sits in dist/cli/, beside main.js, so paths a module finds from
 * its own place (io/package-files.ts: dist/io/ and dist/cli/ are at the same
 * depth) hold in it. Left out, and loaded as usual when used: node's own
 * modules; piscina, whose workers load dist/experiment/replication-worker.js;
 * the optional canvas and chartjs-node-canvas (PNG charts).
 */
import { build } from 'rolldown';

await build({
  input: new URL('../dist/cli/main.js', import.meta.url).pathname,
  platform: 'node',
  external: [/^node:/, /^piscina(\/|$)/, /^canvas(\/|$)/, /^chartjs-node-canvas(\/|$)/],
  logLevel: 'silent',
  output: { file: new URL('../dist/cli/apigw-sim.bundle.js', import.meta.url).pathname, format: 'esm', sourcemap: false },
});
