/**
 * How much work a shared service gets through with n requests in service
 * at once, relative to one request alone: X(n), with X(1) = 1. Under
 * processor sharing (./shared-processor.ts) each of the n progresses at
 * X(n) / n, so work already in flight slows down as more arrives and
 * speeds up as it leaves, as on a real overloaded service (thread pools,
 * garbage collection, locks, a shared CPU).
 *
 * - `cores`: c cores shared by the requests in service, X(n) = min(n, c);
 *   with c = 1 this is the M/M/1-PS queue of the textbooks.
 * - `linear`: each request in service slows every other one by a share s,
 *   X(n) = n / (1 + s (n − 1)): throughput levels off at 1/s.
 * - `usl`: the Universal Scalability Law, X(n) = n / (1 + σ (n − 1) + κ n (n − 1)),
 *   with contention σ and coherency κ; past n* = √((1 − σ) / κ) more
 *   concurrency gets less done (retrograde throughput). N. J. Gunther,
 *   "Guerrilla Capacity Planning", Springer 2007, ch. 4
 *   (http://www.perfdynamics.com/Manifesto/USLscalability.html).
 */
export type CapacityCurve = { kind: 'cores'; cores: number } | { kind: 'linear'; slowdown: number } | { kind: 'usl'; contention: number; coherency: number };

/** X(n): the work done per unit of time with n requests in service, in units of one request alone (0 for n = 0). */
export function relativeCapacity(curve: CapacityCurve, n: number): number {
  if (n <= 0) return 0;
  switch (curve.kind) {
    case 'cores':
      return Math.min(n, curve.cores);
    case 'linear':
      return n / (1 + curve.slowdown * (n - 1));
    case 'usl':
      return n / (1 + curve.contention * (n - 1) + curve.coherency * n * (n - 1));
  }
}

/** The concurrency at which the curve does the most work (Infinity where it never stops rising). */
export function peakConcurrency(curve: CapacityCurve): number {
  switch (curve.kind) {
    case 'cores':
      return curve.cores;
    case 'linear':
      return Infinity;
    case 'usl':
      return curve.coherency > 0 ? Math.sqrt((1 - curve.contention) / curve.coherency) : Infinity;
  }
}

/** The most work the curve does with at most `maxN` in service (X at its peak, or at `maxN` if that comes first). */
export function bestCapacity(curve: CapacityCurve, maxN: number): number {
  const peak = Math.min(maxN, peakConcurrency(curve));
  const below = Math.max(1, Math.floor(peak));
  const above = Math.max(1, Math.min(maxN, Math.ceil(peak)));
  return Math.max(relativeCapacity(curve, below), relativeCapacity(curve, above));
}
