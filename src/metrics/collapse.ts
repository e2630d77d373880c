/**
 * Collapse as a figure (issue 28): after the run's last trigger (a failure
 * window, a load spike, a phase of the profile above the rate it settles
 * at) has ended, is the service still degraded, and when did it recover?
 * A pure function of the time-series rows and the triggers.
 *
 * - **collapsed**: over the judged window, `window` long and starting
 *   `after` the last trigger ended, goodput (requests that ended ok) is
 *   below `degradedBelow` of the offered load (requests that arrived);
 * - **recovery time**: from the end of the last trigger to the start of the
 *   first window (`window` long, starting at the trigger's end or at a row's
 *   start after it) whose goodput is at least `recoveredAt` of the offered
 *   load; `Infinity` when no such window fits in the run (never recovered).
 *
 * A run with no trigger has no collapse figures (`undefined`, not 0), and
 * neither has a run that ends before the judged window does, or whose
 * judged window offered nothing.
 */
import type { IntervalRow } from './time-series.js';

export interface CollapseSettings {
  /** How long after the last trigger ended the run is judged. */
  afterMs: number;
  /** The length of the windows goodput is measured over. */
  windowMs: number;
  /** Collapsed: goodput below this share of the offered load in the judged window. */
  degradedBelow: number;
  /** Recovered: goodput at least this share of the offered load over a window. */
  recoveredAt: number;
}

/** The defaults (docs/scenario-reference.md: collapse). */
export const DEFAULT_COLLAPSE: Readonly<CollapseSettings> = { afterMs: 60_000, windowMs: 30_000, degradedBelow: 0.5, recoveredAt: 0.9 };

/** Something that pushes the service out of its steady state: a failure window, a spike, a phase above the settled rate. */
export interface Trigger {
  fromMs: number;
  toMs: number;
  /** `failures[0]`, `load.spikes[1]`, `load.profile[2]`. */
  label: string;
}

export interface CollapseFigures {
  /** When the last trigger ended, in simulated ms. */
  lastTriggerEndMs: number;
  /** Goodput over offered load in the judged window (above 1 while a backlog drains). */
  goodputShare: number;
  /** 1 when that share is below `degradedBelow`. */
  collapsed: number;
  /** 1 when a window back at `recoveredAt` fits in the run. */
  recovered: number;
  /** From the last trigger's end to the start of the first recovered window; Infinity when it never recovered. */
  recoveryMs: number;
}

export type CollapseRow = Pick<IntervalRow, 'startMs' | 'endMs' | 'arrivals' | 'requestsOk'>;

/** Rows are at most a few milliseconds off the window's ends in floating point: what fits within this fits. */
const EPSILON_MS = 1e-6;

export function detectCollapse(rows: readonly CollapseRow[], triggers: readonly Trigger[], settings: CollapseSettings): CollapseFigures | undefined {
  if (triggers.length === 0 || rows.length === 0) return undefined;
  const endMs = Math.max(...triggers.map((t) => t.toMs));
  const runEndMs = rows[rows.length - 1].endMs;
  const judgedFromMs = endMs + settings.afterMs;
  if (judgedFromMs + settings.windowMs > runEndMs + EPSILON_MS) return undefined;
  const share = windowShare(rows);
  const goodputShare = share(judgedFromMs, judgedFromMs + settings.windowMs);
  if (!Number.isFinite(goodputShare)) return undefined;
  const recoveryMs = recoveryAfter(rows, share, endMs, runEndMs, settings);
  return {
    lastTriggerEndMs: endMs,
    goodputShare,
    collapsed: goodputShare < settings.degradedBelow ? 1 : 0,
    recovered: Number.isFinite(recoveryMs) ? 1 : 0,
    recoveryMs,
  };
}

/** The first window start (the trigger's end, then each row's start after it) whose share reaches `recoveredAt`, less the end; Infinity if none. */
function recoveryAfter(rows: readonly CollapseRow[], share: WindowShare, endMs: number, runEndMs: number, settings: CollapseSettings): number {
  const starts = [endMs, ...rows.map((r) => r.startMs).filter((s) => s > endMs)];
  for (const fromMs of starts) {
    if (fromMs + settings.windowMs > runEndMs + EPSILON_MS) break;
    if (share(fromMs, fromMs + settings.windowMs) >= settings.recoveredAt) return fromMs - endMs;
  }
  return Infinity;
}

/** Goodput over offered load between two times; NaN when nothing was offered. */
export type WindowShare = (fromMs: number, toMs: number) => number;

/**
 * Window shares from running totals of the rows (so a day of 1-second rows
 * is searched in linear time): each row counts for the part of it inside
 * the window, its requests spread evenly over its interval.
 */
export function windowShare(rows: readonly CollapseRow[]): WindowShare {
  const ok = [0];
  const offered = [0];
  rows.forEach((row, i) => {
    ok.push(ok[i] + row.requestsOk);
    offered.push(offered[i] + row.arrivals);
  });
  // the running total of `sums` at time t: whole rows before t, and the part of the row t falls in
  const at = (sums: number[], t: number, value: (row: CollapseRow) => number) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].endMs <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === rows.length) return sums[lo];
    const row = rows[lo];
    const length = row.endMs - row.startMs;
    const part = length > 0 ? Math.min(1, Math.max(0, (t - row.startMs) / length)) : 0;
    return sums[lo] + part * value(row);
  };
  return (fromMs, toMs) => {
    const offeredIn = at(offered, toMs, (r) => r.arrivals) - at(offered, fromMs, (r) => r.arrivals);
    const okIn = at(ok, toMs, (r) => r.requestsOk) - at(ok, fromMs, (r) => r.requestsOk);
    return offeredIn > 1e-9 ? okIn / offeredIn : NaN;
  };
}
