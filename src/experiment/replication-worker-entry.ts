/**
 * The file piscina loads on each worker thread when the worker's bundle is
 * built (./replication-pool.ts): the bundle, with its code cache, loaded as
 * the CLI's is (../io/bundle-loader.ts). The cache is saved after the
 * thread's first replication, so it holds the code a run compiles.
 */
import { compileCacheDir, loadBundle } from '../io/bundle-loader.js';
import { packageFile } from '../io/package-files.js';
import type { ReplicationJob, ReplicationResult } from './replication.js';

const { bundle, saveCache } = loadBundle<{ default(job: ReplicationJob): ReplicationResult }>(packageFile('dist', 'experiment', 'replication-worker.bundle.cjs'), compileCacheDir());
let saved = false;

export default function replicate(job: ReplicationJob): ReplicationResult {
  const result = bundle.default(job);
  if (!saved) {
    saved = true;
    saveCache();
  }
  return result;
}
