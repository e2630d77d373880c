/**
 * The CLI's bundle loaded with V8's code cache (src/cli/bundle-loader.ts):
 * the cache is written once, used by the next load, named by the bundle's
 * bytes (a rebuilt bundle of the same length never gets the old bytecode),
 * and a folder that cannot be written costs nothing but the cache.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/cli/bundle-loader.js';
import { cliEnv, ROOT, runCli } from './run-cli.js';

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
    const first = loadBundle(file, cache);
    expect(first.fromCache).toBe(false);
    expect(await first.bundle.main(['a', 'b'])).toBe(7 + 2 + 1);
    first.saveCache();
    const [written] = readdirSync(cache);
    expect(written).toMatch(/^bundle-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    const before = statSync(join(cache, written!)).mtimeMs;
    const second = loadBundle(file, cache);
    expect(second.fromCache).toBe(true);
    expect(await second.bundle.main(['a'])).toBe(7 + 1 + 1);
    second.saveCache();
    expect(readdirSync(cache)).toEqual([written]);
    expect(statSync(join(cache, written!)).mtimeMs).toBe(before);
  });

  it('gives a rebuilt bundle of the same length its own cache, never the old bytecode, and drops the old one', async () => {
    const cache = join(work, 'cache-rebuilt');
    const file = bundleFile('rebuilt.cjs', 1);
    const old = loadBundle(file, cache);
    old.saveCache();
    const [oldName] = readdirSync(cache);
    bundleFile('rebuilt.cjs', 2); // the same length, other bytes
    const rebuilt = loadBundle(file, cache);
    expect(rebuilt.fromCache).toBe(false);
    expect(await rebuilt.bundle.main([])).toBe(2 + 0 + 1);
    rebuilt.saveCache();
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cache)[0]).not.toBe(oldName);
  });

  it('runs without a cache where none can be written, or none is asked for', async () => {
    const file = bundleFile('unwritable.cjs', 3);
    const cache = join(file, 'cache'); // under a file: no folder can be made there, not even by root
    const loaded = loadBundle(file, cache);
    expect(await loaded.bundle.main([])).toBe(3 + 0 + 1);
    expect(() => loaded.saveCache()).not.toThrow();
    expect(existsSync(cache)).toBe(false);
    const none = loadBundle(file, undefined);
    expect(none.fromCache).toBe(false);
    none.saveCache();
    expect(await none.bundle.main(['x'])).toBe(3 + 1 + 1);
  });

  it('the CLI leaves its cache in node_modules/.cache/apigw-sim, and prints the same with it and without it', () => {
    const env = { APIGW_SIM_NO_COMPILE_CACHE: '1' };
    const without = runCli(['validate', 'scenarios/rest-lambda-basic.yaml'], { env });
    const withCache = runCli(['validate', 'scenarios/rest-lambda-basic.yaml']);
    expect(withCache).toEqual(without);
    expect(without.status).toBe(0);
    expect(readdirSync(join(ROOT, 'node_modules/.cache/apigw-sim')).some((f) => f.endsWith('.v8cache'))).toBe(true);
    expect(cliEnv().APIGW_SIM_NO_COMPILE_CACHE).toBeUndefined(); // the other tests' commands run as a user's do
  });
});
