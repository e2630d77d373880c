/**
 * Opens and closes failure windows on their targets at the scheduled times.
 * At every window edge the effects of all windows open on that target are
 * combined (./failure-effects.ts) and handed to it; `flushWarm` acts once,
 * when its window opens.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { Component, ComponentContext } from '../component.js';
import { combineEffects, NO_FAILURE, type FailureTarget, type FailureWindowEffects } from './failure-effects.js';

export interface FailureWindow extends FailureWindowEffects {
  atMs: number;
  /** 0 for an instantaneous action (flushWarm). */
  durationMs: number;
  target: FailureTarget;
  flushWarm?: boolean;
}

type Edge = { window: FailureWindow; opening: boolean };

/** Windows close before others open at the same instant, and both happen before requests. */
const EDGE_PRIORITY = -50;

/** Failure windows opened. */
export type FailureUsage = { readonly windowsOpened: number };

export class FailureSchedule implements Component<FailureUsage> {
  readonly kind = 'failure' as const;
  private ctx!: ComponentContext;
  private readonly open = new Set<FailureWindow>();
  private windowsOpened = 0;
  private readonly onEdge: EventCallback<Edge>;

  constructor(
    readonly id: string,
    private readonly windows: readonly FailureWindow[],
  ) {
    this.onEdge = (edge) => this.apply(edge);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    for (const window of this.windows) {
      ctx.sim.scheduleAt(window.atMs, this.onEdge, { window, opening: true }, EDGE_PRIORITY);
      if (window.durationMs > 0) ctx.sim.scheduleAt(window.atMs + window.durationMs, this.onEdge, { window, opening: false }, EDGE_PRIORITY - 1);
    }
  }

  usage(): FailureUsage {
    return { windowsOpened: this.windowsOpened };
  }

  private apply({ window, opening }: Edge): void {
    if (opening) {
      this.windowsOpened++;
      this.ctx.metrics.count('failureWindows', this.ctx.sim.now, this.ctx.window.includes(this.ctx.sim.now));
      if (window.flushWarm) window.target.flushWarm?.();
      if (window.durationMs > 0) this.open.add(window);
    } else {
      this.open.delete(window);
    }
    const active = [...this.open].filter((w) => w.target === window.target);
    window.target.setFailure(active.length === 0 ? NO_FAILURE : combineEffects(active));
  }
}
