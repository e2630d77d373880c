/**
 * Open-loop arrivals at a constant rate: Poisson (exponential gaps) or evenly
 * spaced. Arrivals do not wait for earlier requests to finish, as real
 * independent users do not, which is why overload shows up as queues and
 * errors rather than as a slower offered rate.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Component, ComponentContext, Usage } from '../component.js';

export type ArrivalProcess = 'poisson' | 'uniform';

export interface OpenLoopLoadOptions {
  ratePerSecond: number;
  arrivals: ArrivalProcess;
  /** No arrivals at or after this time. */
  untilMs: number;
}

/** Who receives arrivals (the clients). */
export interface ArrivalTarget {
  arrive(atMs: number): void;
}

export class OpenLoopLoad implements Component {
  readonly kind = 'load' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private readonly meanGapMs: number;
  private arrivals = 0;
  private readonly onArrival: EventCallback<null>;

  constructor(
    readonly id: string,
    private readonly options: OpenLoopLoadOptions,
    private readonly target: ArrivalTarget,
  ) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('arrival rate must be > 0');
    this.meanGapMs = 1000 / options.ratePerSecond;
    this.onArrival = () => this.arrive();
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.arrivals`);
    this.scheduleNext();
  }

  usage(): Usage {
    return { arrivals: this.arrivals };
  }

  private nextGapMs(): number {
    if (this.options.arrivals === 'uniform') return this.meanGapMs;
    return -this.meanGapMs * Math.log1p(-this.stream.next());
  }

  private scheduleNext(): void {
    const gapMs = this.nextGapMs();
    if (this.ctx.sim.now + gapMs < this.options.untilMs) this.ctx.sim.schedule(gapMs, this.onArrival, null);
  }

  private arrive(): void {
    this.arrivals++;
    this.target.arrive(this.ctx.sim.now);
    this.scheduleNext();
  }
}
