/**
 * Closed-loop load: `virtualUsers` users, each sending one request, waiting
 * for its final outcome (retries included), thinking, and sending the next.
 * Under overload a closed loop slows its own offered rate, so latency stays
 * bounded while an open loop's queues grow: the lesson of "Open Versus
 * Closed: A Cautionary Tale" (Schroeder, Wierman, Harchol-Balter, NSDI 2006).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Component, ComponentContext } from '../component.js';
import type { Distribution } from '../shared/distribution.js';
import type { ArrivalTarget } from './open-loop-load.js';

export interface ClosedLoopLoadOptions {
  virtualUsers: number;
  thinkTime: Distribution;
  untilMs: number;
}

/** Arrivals the closed loop's users made. */
export type ClosedLoopUsage = { readonly arrivals: number; readonly virtualUsers: number };

export class ClosedLoopLoad implements Component<ClosedLoopUsage> {
  readonly kind = 'load' as const;
  private ctx!: ComponentContext;
  private think!: RandomStream;
  private arrivals = 0;
  private readonly onWake: EventCallback<number>;

  constructor(
    readonly id: string,
    private readonly options: ClosedLoopLoadOptions,
    private readonly target: ArrivalTarget,
  ) {
    this.onWake = (user) => this.send(user);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.think = ctx.streams.get(`${this.id}.thinkTime`);
    // users start spread over one think time, not all at once
    for (let user = 0; user < this.options.virtualUsers; user++) this.sleep(user);
  }

  usage(): ClosedLoopUsage {
    return { arrivals: this.arrivals, virtualUsers: this.options.virtualUsers };
  }

  /** The client calls this when a user's request has its final outcome. */
  requestFinished(user: number): void {
    this.sleep(user);
  }

  private sleep(user: number): void {
    const delayMs = this.options.thinkTime.sample(this.think);
    if (this.ctx.sim.now + delayMs < this.options.untilMs) this.ctx.sim.schedule(delayMs, this.onWake, user);
  }

  private send(user: number): void {
    this.arrivals++;
    this.target.arrive(this.ctx.sim.now, user);
  }
}
