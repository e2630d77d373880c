/**
 * Runs replications on worker threads (piscina), one per task, and returns
 * them in the order given whatever order they finish in: same seeds, same
 * results, on one worker or eight. `workers: 0` runs them here, in order
 * (tests, and machines where threads do not pay). Under a cap on address
 * space (ulimit -v) it takes no more threads than fit (./address-space.ts).
 */
import { availableParallelism } from 'node:os';
import { workersThatFit } from './address-space.js';
import { bundleIsCurrent } from '../io/bundle-loader.js';
import { packageFile } from '../io/package-files.js';
import { runReplication, type ReplicationJob, type ReplicationResult } from './replication.js';

/**
 * Every core, less the one the main thread simulates on when it runs a
 * replication itself (`run --replications` runs the first meanwhile; a sweep
 * only waits).
 */
export function defaultWorkers(mainThreadSimulates = true): number {
  return Math.max(1, availableParallelism() - (mainThreadSimulates ? 1 : 0));
}

/**
 * The compiled worker, found from the package's root: the same file whether
 * this module runs from dist/experiment/, from the CLI's bundle in dist/cli/
 * or from the sources under a test. Its bundle (scripts/build.js), through
 * the entry that loads it with its code cache (./replication-worker-entry.ts:
 * a thread starts in about 0.14 s of CPU instead of 0.35 s), unless the
 * bundle is older than the module it is built from; then the module, with
 * the same results.
 */
function workerFile(): string {
  const bundle = packageFile('dist', 'experiment', 'replication-worker.bundle.cjs');
  const module = packageFile('dist', 'experiment', 'replication-worker.js');
  return bundleIsCurrent(bundle, module) ? packageFile('dist', 'experiment', 'replication-worker-entry.js') : module;
}

/** `onDone` is called as each replication finishes (an overall progress bar counts them). */
export async function runReplications(jobs: readonly ReplicationJob[], workers: number, onDone?: () => void): Promise<ReplicationResult[]> {
  const threads = Math.min(workers, jobs.length, workersThatFit());
  if (threads === 0) {
    return jobs.map((job) => {
      const result = runReplication(job);
      onDone?.();
      return result;
    });
  }
  // loaded only here: piscina and the node modules it needs took 18 ms of every command's start
  const { Piscina } = await import('piscina');
  const pool = new Piscina<ReplicationJob, ReplicationResult>({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
  });
  try {
    return await Promise.all(
      jobs.map(async (job) => {
        const result = await pool.run(job);
        onDone?.();
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
