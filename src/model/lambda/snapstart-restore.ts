/**
 * The restore time of a Lambda SnapStart function: what a new execution
 * environment waits for instead of INIT (src/catalog/snapstart.ts). It is
 * drawn where INIT is, once per new environment, from the function's INIT
 * stream, so a function without SnapStart does no work of its own for it:
 * the build hands this to the function as its cold-start distribution.
 *
 * Tiered cache warming (ASSUMPTION, see SNAPSTART_WARMING): after a version
 * is published (the run starts with one just published; a deployment
 * publishes another) the first `restores` restores take `slowdown` times as
 * long, as the snapshot is not yet in the cache tier nearest the hosts.
 * Left out: a version idle for 14 days going inactive, and a restore that
 * fails (SnapStartTimeoutException).
 */
import type { RandomStream } from '../../engine/random.js';
import type { Distribution, DistributionSpec } from '../shared/distribution.js';

export interface SnapStartWarming {
  /** Restores after each publish that find the snapshot not yet cached near the hosts. */
  readonly restores: number;
  /** How many times as long those restores take. */
  readonly slowdown: number;
}

export class SnapStartRestore implements Distribution {
  readonly spec: DistributionSpec;
  readonly mean: number;
  readonly variance: number;
  readonly max: number;
  /** Slow restores left before the cache is warm. */
  private slowLeft: number;

  constructor(
    private readonly restore: Distribution,
    private readonly warming: SnapStartWarming,
  ) {
    this.spec = restore.spec;
    this.mean = restore.mean;
    this.variance = restore.variance;
    this.max = restore.max * Math.max(1, warming.slowdown);
    this.slowLeft = warming.restores; // the run starts with the version just published
  }

  /** A new version was published (a deployment): its snapshot's cache starts cold again. */
  published(): void {
    this.slowLeft = this.warming.restores;
  }

  /** The restore time once the cache is warm. */
  quantile(p: number): number {
    return this.restore.quantile(p);
  }

  sample(stream: RandomStream): number {
    const ms = this.restore.sample(stream);
    if (this.slowLeft <= 0) return ms;
    this.slowLeft--;
    return ms * this.warming.slowdown;
  }
}
