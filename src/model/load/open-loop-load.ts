/**
 * Open-loop arrivals following a rate profile: Poisson (a non-homogeneous
 * Poisson process, by thinning: candidates at the segment's maximum rate,
 * each kept with probability rate(t) / max) or evenly spaced (the next
 * arrival one 1/rate(t) later). Arrivals do not wait for earlier requests to
 * finish, as independent users do not, which is why overload shows up as
 * queues and errors rather than as a lower offered rate.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Component, ComponentContext } from '../component.js';
import type { RateProfile, Segment } from './rate-profile.js';

export type ArrivalProcess = 'poisson' | 'uniform';

export interface OpenLoopLoadOptions {
  profile: RateProfile;
  arrivals: ArrivalProcess;
  /** No arrivals at or after this time. */
  untilMs: number;
}

/** Who receives arrivals (the clients). */
export interface ArrivalTarget {
  arrive(atMs: number, user: number): void;
}

/** Arrivals the open loop made. */
export type OpenLoopUsage = { readonly arrivals: number };

export class OpenLoopLoad implements Component<OpenLoopUsage> {
  readonly kind = 'load' as const;
  private ctx!: ComponentContext;
  private gaps!: RandomStream;
  private thinning!: RandomStream;
  private arrivals = 0;
  private readonly onArrival: EventCallback<null>;
  /** The segment last looked up, reused while time stays inside it (no lookup per arrival). */
  private segment: Segment = { endMs: -Infinity, maxPerSecond: 0, flat: true };
  private segmentStartMs = Infinity;

  constructor(
    readonly id: string,
    private readonly options: OpenLoopLoadOptions,
    private readonly target: ArrivalTarget,
  ) {
    this.onArrival = () => this.arrive();
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.gaps = ctx.streams.get(`${this.id}.arrivals`);
    this.thinning = ctx.streams.get(`${this.id}.thinning`);
    this.scheduleNext(0);
  }

  usage(): OpenLoopUsage {
    return { arrivals: this.arrivals };
  }

  /** Time of the next arrival after `fromMs`, or Infinity when the load is over. */
  private nextArrivalMs(fromMs: number): number {
    const profile = this.options.profile;
    let t = fromMs;
    while (t < this.options.untilMs) {
      const segment = this.segmentFor(t);
      if (segment.maxPerSecond <= 0) {
        t = segment.endMs;
        continue;
      }
      if (this.options.arrivals === 'uniform') {
        const rate = profile.rateAt(t);
        if (rate <= 0) {
          t = Math.min(segment.endMs, t + 1000 / segment.maxPerSecond);
          continue;
        }
        return t + 1000 / rate;
      }
      const candidate = t - (1000 / segment.maxPerSecond) * Math.log1p(-this.gaps.next());
      if (candidate >= segment.endMs) {
        t = segment.endMs; // memoryless: start again at the boundary with the next bound
        continue;
      }
      t = candidate;
      if (segment.flat || this.thinning.next() * segment.maxPerSecond <= profile.rateAt(t)) return t;
    }
    return Infinity;
  }

  private segmentFor(tMs: number): Segment {
    if (tMs < this.segmentStartMs || tMs >= this.segment.endMs) {
      this.segment = this.options.profile.segmentAt(tMs);
      this.segmentStartMs = tMs;
    }
    return this.segment;
  }

  private scheduleNext(fromMs: number): void {
    const atMs = this.nextArrivalMs(fromMs);
    if (atMs < this.options.untilMs) this.ctx.sim.scheduleAt(atMs, this.onArrival, null);
  }

  private arrive(): void {
    this.arrivals++;
    const nowMs = this.ctx.sim.now;
    this.target.arrive(nowMs, -1);
    this.scheduleNext(nowMs);
  }
}
