/**
 * How long this machine takes to fetch memory its caches do not hold: a
 * pointer chase (each load's address is the previous load's value, so no
 * two loads overlap) through a random cycle of cache lines, in a region
 * that fits the 512 KB L2 and in one that fits no cache (64 MB). It is the
 * gauge for the retry storm's figure, which is bound by such loads: an
 * attempt touches objects last used seconds of simulated time earlier
 * (bench/NOTES.md). On a shared VM this moves from hour to hour, so
 * `npm run bench` measures it before and after the storm runs.
 */
import { performance } from 'node:perf_hooks';
import seedrandom from 'seedrandom';

const LINE_INTS = 16; // 64-byte cache lines of Int32
const LOADS = 4_000_000;

/** Nanoseconds per dependent load through a random cycle over `bytes` of memory. */
function chaseNs(bytes, random) {
  const lines = Math.floor(bytes / 64);
  const order = Int32Array.from({ length: lines }, (_, i) => i);
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const next = new Int32Array(lines * LINE_INTS);
  for (let i = 0; i < lines; i++) next[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
  let at = 0;
  for (let i = 0; i < lines; i++) at = next[at]; // one lap to warm the page tables and the JIT
  const start = performance.now();
  for (let i = 0; i < LOADS; i++) at = next[at];
  const ns = ((performance.now() - start) * 1e6) / LOADS;
  if (at < 0) throw new Error('unreachable: keeps the loop alive');
  return ns;
}

/** The two figures, from one seeded stream (the same cycles every run). */
export function measureMemoryLatency() {
  const random = seedrandom.alea('memory-latency');
  return { l2Ns: chaseNs(256 * 1024, random), memoryNs: chaseNs(64 * 1024 * 1024, random) };
}
