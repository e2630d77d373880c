/**
 * The CLI's bundle, and its worker threads', loaded with V8's code cache
 * (src/io/bundle-loader.ts): the cache is written once, used by the next
 * load, named by the bundle's bytes (a rebuilt bundle of the same length
 * never gets the old bytecode), and a folder that cannot be written costs
 * nothing but the cache.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/io/bundle-loader.js';
import { cliEnv, folderBytes, ROOT, runCli } from '../cli/run-cli.js';

/** What the test bundles export. */
interface Main {
  main(argv: string[]): Promise<number>;
}

const work = mkdtempSync(join(tmpdir(), 'apigw-sim-bundle-loader-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A bundle whose `main` answers `answer`, padded so two answers make files of one length. */
function bundleFile(name: string, answer: number): string {
  const file = join(work, name);
  writeFileSync(file, `'use strict';\nconst path = require('node:path');\nexports.main = async (argv) => ${String(answer).padStart(4, ' ')} + argv.length + path.sep.length;\n`);
  return file;
}

describe('loading the CLI bundle with a code cache', () => {
  it('writes the cache after the first load, uses it on the next, and writes nothing then', async () => {
    const file = bundleFile('first.cjs', 7);
    const cache = join(work, 'cache-first');
    const first = loadBundle<Main>(file, cache);
    expect(first.fromCache).toBe(false);
    expect(await first.bundle.main(['a', 'b'])).toBe(7 + 2 + 1);
    first.saveCache();
    const [written] = readdirSync(cache);
    expect(written).toMatch(/^first\.cjs-[0-9a-f]{16}-v\d+\.\d+\.\d+-\d+-\w+\.v8cache$/);
    const before = statSync(join(cache, written!)).mtimeMs;
    const second = loadBundle<Main>(file, cache);
    expect(second.fromCache).toBe(true);
    expect(await second.bundle.main(['a'])).toBe(7 + 1 + 1);
    second.saveCache();
    expect(readdirSync(cache)).toEqual([written]);
    expect(statSync(join(cache, written!)).mtimeMs).toBe(before);
  });

  it('gives a rebuilt bundle of the same length its own cache, never the old bytecode, and drops the old one', async () => {
    const cache = join(work, 'cache-rebuilt');
    const file = bundleFile('rebuilt.cjs', 1);
    const old = loadBundle<Main>(file, cache);
    old.saveCache();
    const [oldName] = readdirSync(cache);
    bundleFile('rebuilt.cjs', 2); // the same length, other bytes
    const rebuilt = loadBundle<Main>(file, cache);
    expect(rebuilt.fromCache).toBe(false);
    expect(await rebuilt.bundle.main([])).toBe(2 + 0 + 1);
    rebuilt.saveCache();
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cache)[0]).not.toBe(oldName);
  });

  it('two writers of one build, both without a cache, leave one whole cache and no temporary file', async () => {
    const file = bundleFile('two.cjs', 4);
    const cache = join(work, 'cache-two');
    const [a, b] = [loadBundle<Main>(file, cache), loadBundle<Main>(file, cache)];
    a.saveCache();
    b.saveCache();
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cache)[0]).toMatch(/\.v8cache$/);
    const again = loadBundle<Main>(file, cache);
    expect(again.fromCache).toBe(true);
    expect(await again.bundle.main([])).toBe(4 + 0 + 1);
  });

  it('runs the built bundles strict, as the ES modules they are made of', () => {
    for (const bundle of ['dist/cli/apigw-sim.bundle.cjs', 'dist/experiment/replication-worker.bundle.cjs']) {
      expect(readFileSync(join(ROOT, bundle), 'utf8').startsWith('"use strict";'), bundle).toBe(true);
    }
    const file = join(work, 'strict.cjs');
    writeFileSync(file, '"use strict";\nexports.thisOf = function () { return this; };\n');
    const { thisOf } = loadBundle<{ thisOf(): unknown }>(file, undefined).bundle;
    expect(thisOf()).toBeUndefined(); // sloppy code would see the global object
  });

  it('runs without a cache where none can be written, or none is asked for', async () => {
    const file = bundleFile('unwritable.cjs', 3);
    const cache = join(file, 'cache'); // under a file: no folder can be made there, not even by root
    const loaded = loadBundle<Main>(file, cache);
    expect(await loaded.bundle.main([])).toBe(3 + 0 + 1);
    expect(() => loaded.saveCache()).not.toThrow();
    expect(existsSync(cache)).toBe(false);
    const none = loadBundle<Main>(file, undefined);
    expect(none.fromCache).toBe(false);
    none.saveCache();
    expect(await none.bundle.main(['x'])).toBe(3 + 1 + 1);
  });

  it('the CLI and its worker threads leave their caches in node_modules/.cache/apigw-sim, and print and write the same with them and without', () => {
    const env = { APIGW_SIM_NO_COMPILE_CACHE: '1' };
    const without = runCli(['validate', 'scenarios/rest-lambda-basic.yaml'], { env });
    expect(without.status).toBe(0);
    expect(runCli(['validate', 'scenarios/rest-lambda-basic.yaml'])).toEqual(without);
    const scenario = join(work, 'tiny.yaml');
    writeFileSync(scenario, 'name: tiny\nseed: 2\nduration: 3s\nload: { rate: 20/s }\napi: { type: http }\nintegration: { type: lambda, duration: { p50: 40ms, p99: 200ms } }\n');
    const replicated = (out: string, extra: Record<string, string>) => runCli(['run', scenario, '--replications', '2', '--workers', '1', '--out', join(work, out), '--quiet'], { env: extra }).status;
    expect(replicated('cached', {})).toBe(0);
    expect(replicated('uncached', env)).toBe(0);
    expect(folderBytes(join(work, 'cached'))).toEqual(folderBytes(join(work, 'uncached')));
    const caches = readdirSync(join(ROOT, 'node_modules/.cache/apigw-sim'));
    // another test's command may be writing one under a temporary name meanwhile
    expect(caches.filter((f) => f.startsWith('apigw-sim.bundle.cjs-') && f.endsWith('.v8cache'))).toHaveLength(1);
    expect(caches.filter((f) => f.startsWith('replication-worker.bundle.cjs-') && f.endsWith('.v8cache'))).toHaveLength(1);
    expect(cliEnv().APIGW_SIM_NO_COMPILE_CACHE).toBeUndefined(); // the other tests' commands run as a user's do
  });
});
