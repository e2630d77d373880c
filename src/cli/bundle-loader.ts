/**
 * Loads the CLI's bundle (dist/cli/apigw-sim.bundle.cjs, scripts/build.js)
 * with V8's code cache: the bytecode of the functions a command compiled,
 * saved after its first run and handed back to V8 on the next ones.
 *
 * Why: most of a short command's time was V8 compiling the 2.3 MB bundle
 * and the functions its modules run as they load (the zod schemas, YAML,
 * commander). With the cache, `apigw-sim validate` takes about 0.19 s of CPU
 * instead of 0.26 s (bench/NOTES.md), and the test suite's 470 commands
 * 35 s less. Node 22 has this built in (`module.enableCompileCache`); Node
 * 20 has only the `node:vm` API it is made of, used here as Node's own CJS
 * loader uses it: the source wrapped in the CommonJS function, compiled as a
 * vm.Script with `cachedData`, and `createCachedData()` once the command has
 * run, so the cache holds what it compiled lazily too (0.22 s with a cache
 * made before running).
 *
 * The cache can never change what a command does, only how soon it starts:
 * - it is named by a hash of the bundle's bytes, Node's version and the
 *   architecture: V8 checks only the source's length and its own version
 *   and flags, so a rebuilt bundle of the same length would otherwise get
 *   stale bytecode. V8 refuses data that does not fit, and compiles anew;
 * - it is written once, when there was none (or V8 refused it), to a
 *   temporary name and renamed into place: two commands starting together
 *   both write a whole file, and a reader never sees half of one;
 * - it lives in the package's `node_modules/.cache/apigw-sim/` (the folder
 *   build tools share for caches), never in a folder other users can write
 *   to. Where that cannot be written (an install owned by root), nothing is
 *   cached and the command runs as before; `APIGW_SIM_NO_COMPILE_CACHE=1`
 *   turns it off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What the bundle exports. */
export interface CliBundle {
  main(argv: string[]): Promise<number>;
}

const CACHE_SUFFIX = '.v8cache';

/**
 * Runs the bundle's module code and returns its exports, with `cacheDir`'s
 * code cache when there is a valid one (`fromCache`). `saveCache` (call it
 * after the command has run) writes one when there was none; it never throws.
 */
export function loadBundle(file: string, cacheDir: string | undefined): { bundle: CliBundle; fromCache: boolean; saveCache: () => void } {
  const source = readFileSync(file, 'utf8');
  const name = cacheDir === undefined ? undefined : `bundle-${createHash('sha256').update(source).digest('hex').slice(0, 16)}-${process.version}-${process.arch}${CACHE_SUFFIX}`;
  const cachePath = name === undefined ? undefined : join(cacheDir!, name);
  let cachedData: Buffer | undefined;
  if (cachePath !== undefined) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined; // none yet
    }
  }
  // the function Node's CommonJS loader wraps a module in; its first line is the bundle's first, so stack traces keep their lines
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} as CliBundle };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    bundle: module.exports,
    fromCache: !fresh,
    saveCache: () => {
      if (!fresh || cacheDir === undefined || cachePath === undefined) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // the caches of bundles built before this one
        for (const old of readdirSync(cacheDir)) if (old.endsWith(CACHE_SUFFIX) && old !== name) rmSync(join(cacheDir, old), { force: true });
        const temporary = `${cachePath}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cachePath);
      } catch {
        // a folder this user cannot write: no cache, the next command compiles as this one did
      }
    },
  };
}
