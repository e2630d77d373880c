/**
 * Loads a bundle (scripts/build.js: the CLI's, dist/cli/apigw-sim.bundle.cjs,
 * and the replication worker's, dist/experiment/replication-worker.bundle.cjs)
 * with V8's code cache: the bytecode of the functions a command compiled,
 * saved after its first run and handed back to V8 on the next ones.
 *
 * Why: most of a short command's time was V8 compiling the 2.3 MB bundle
 * and the functions its modules run as they load (the zod schemas, YAML,
 * commander). The cache takes about 0.05 s of CPU off each command
 * (`apigw-sim validate`: 0.17-0.18 s against 0.22-0.23 s, bench/NOTES.md),
 * a fifth of a short one; each worker thread of a sweep starts the same
 * way. Node 22 has this built in (`module.enableCompileCache`); Node 20 has
 * only the `node:vm` API it is made of, used here as Node's own CJS loader
 * uses it: the source wrapped in the CommonJS function, compiled as a
 * vm.Script with `cachedData`, and `createCachedData()` once the command has
 * run, so the cache holds what it compiled lazily too (a cache made before
 * running saves 30 ms less).
 *
 * The cache can never change what a command does, only how soon it starts:
 * - it is named by the bundle's file name, a hash of what V8 compiles (the
 *   bundle in its wrapper), Node's version, V8's cache tag (its version and
 *   flags) and the architecture: V8 checks only the source's length and
 *   its own version and flags, so a rebuilt bundle of the same length would
 *   otherwise get stale bytecode (npm gives every file of a package the
 *   same date). V8 refuses data that does not fit, and compiles anew;
 * - it is written once, when there was none (or V8 refused it), to a
 *   temporary name of its writer's own (process, thread and a random id)
 *   and renamed into place: commands or threads starting together each
 *   write a whole file, and a reader never sees half of one;
 * - it lives in the package's `node_modules/.cache/apigw-sim/` (the folder
 *   build tools share for caches), never in a folder other users can write
 *   to. Where that cannot be written (an install owned by root), nothing is
 *   cached and the command runs as before; `APIGW_SIM_NO_COMPILE_CACHE=1`
 *   turns it off.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlink, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { packageFile } from './package-files.js';

const CACHE_SUFFIX = '.v8cache';

/** Whether `bundle` is as new as `module`, the entry it is built from: a build of the modules alone leaves an older bundle, which then must not run. */
export function bundleIsCurrent(bundle: string, module: string): boolean {
  const modified = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return modified(bundle) >= modified(module);
}

/** The folder of the code caches: the package's node_modules/.cache/apigw-sim/; none with APIGW_SIM_NO_COMPILE_CACHE=1. */
export function compileCacheDir(): string | undefined {
  return process.env.APIGW_SIM_NO_COMPILE_CACHE === '1' ? undefined : packageFile('node_modules', '.cache', 'apigw-sim');
}

/**
 * Runs the bundle's module code and returns its exports, with `cacheDir`'s
 * code cache when there is a valid one (`fromCache`). `saveCache` (call it
 * after the command has run) writes one when there was none; it never throws.
 */
export function loadBundle<Exports>(file: string, cacheDir: string | undefined): { bundle: Exports; fromCache: boolean; saveCache: () => void } {
  // the function Node's CommonJS loader wraps a module in; its first line is the bundle's first, so stack traces keep their lines
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n})`;
  const prefix = `${basename(file)}-`;
  // what V8 compiles (the wrapper too), then V8's version and flags (a cache made under other flags is refused, and would
  // otherwise be written over by each in turn), and the machine's architecture
  const key = `${createHash('sha256').update(wrapped).digest('hex').slice(0, 16)}-`;
  const name = `${prefix}${key}${process.version}-${cachedDataVersionTag()}-${process.arch}${CACHE_SUFFIX}`;
  const cachePath = cacheDir === undefined ? undefined : join(cacheDir, name);
  let cachedData: Buffer | undefined;
  if (cachePath !== undefined) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined; // none yet
    }
  }
  const script = new Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} as Exports };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    bundle: module.exports,
    fromCache: !fresh,
    saveCache: () => {
      if (!fresh || cacheDir === undefined || cachePath === undefined) return;
      // its own name for each writer: the threads of one process share its pid, and containers all run as pid 1
      const temporary = `${cachePath}.${process.pid}-${threadId}-${randomUUID()}.tmp`;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // the caches of this bundle's earlier builds (a cache of this build under other flags stays)
        for (const old of readdirSync(cacheDir)) if (old.startsWith(prefix) && old.endsWith(CACHE_SUFFIX) && !old.startsWith(`${prefix}${key}`)) rmSync(join(cacheDir, old), { force: true });
        writeFileSync(temporary, script.createCachedData(), { flag: 'wx' });
        renameSync(temporary, cachePath);
      } catch {
        // a folder this user cannot write, or a full disk: no cache, the next command compiles as this one did;
        // a temporary file half written goes (an error here means there is none)
        unlink(temporary, () => {});
      }
    },
  };
}
