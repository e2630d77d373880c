/**
 * How many worker threads fit under a cap on the process's address space
 * (`ulimit -v`, RLIMIT_AS). V8 reserves address space for every thread's
 * isolate (its code range and heap) whether it uses it or not, and a thread
 * it cannot reserve for ends the whole process ("Fatal process OOM: Failed
 * to reserve virtual memory for CodeRange"), which no code can catch. So
 * the replication pool takes no more threads than fit: the output is the
 * same bytes with any number of them, only slower.
 *
 * Measured with Node 20 on Linux x64 (docs/commands.md#memory): a run on
 * the main thread needs about 1.1 GB of address space, and each worker
 * thread about 0.6 GB more (4 fit in 4.1 GB, 5 do not); the figures below
 * keep a margin.
 */
import { readFileSync } from 'node:fs';

const GB = 1e9;
/** Address space the main thread's run takes. */
export const MAIN_THREAD_BYTES = 1.5 * GB;
/** Address space each worker thread adds. */
export const WORKER_THREAD_BYTES = 0.7 * GB;

/** The soft limit on the process's address space in bytes: Infinity when there is none, or it cannot be read (not Linux). */
export function addressSpaceLimit(limits = readLimits()): number {
  const match = /^Max address space\s+(\S+)/m.exec(limits ?? '');
  if (!match || match[1] === 'unlimited') return Infinity;
  const bytes = Number(match[1]);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : Infinity;
}

function readLimits(): string | null {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
}

/** Worker threads that fit beside the main thread under `limit` bytes (0: run everything on the main thread). */
export function workersThatFit(limit = addressSpaceLimit()): number {
  if (limit === Infinity) return Infinity;
  return Math.max(0, Math.floor((limit - MAIN_THREAD_BYTES) / WORKER_THREAD_BYTES));
}
