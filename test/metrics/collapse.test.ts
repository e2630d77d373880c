/**
 * Collapse detection on hand-built time series: a service offered 40
 * requests/s in 5-second rows, a trigger from 60 s to 70 s, and goodput
 * written row by row, so each case's answer follows from the definition
 * (judged 60 s to 90 s after the trigger; collapsed below 50 % of offered;
 * recovered at the first 30-second window back at 90 %).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLAPSE, detectCollapse, windowShare, type CollapseRow, type Trigger } from '../../src/metrics/collapse.js';

const ROW_MS = 5000;
const RUN_MS = 300_000;
const OFFERED = 200; // 40/s over a 5 s row
const SPIKE: Trigger[] = [{ fromMs: 60_000, toMs: 70_000, label: 'load.spikes[0]' }];

/** Rows of 5 s over the run, with goodput (requests ok per row) given as a function of the row's start. */
function series(okAt: (startMs: number) => number, runMs = RUN_MS): CollapseRow[] {
  return Array.from({ length: runMs / ROW_MS }, (_, i) => ({ startMs: i * ROW_MS, endMs: (i + 1) * ROW_MS, arrivals: OFFERED, requestsOk: okAt(i * ROW_MS) }));
}

describe('detectCollapse', () => {
  it('a run that never drops is not collapsed and recovered at once (0 s after the trigger)', () => {
    const c = detectCollapse(series(() => OFFERED), SPIKE, DEFAULT_COLLAPSE);
    expect(c).toEqual({ lastTriggerEndMs: 70_000, goodputShare: 1, collapsed: 0, recovered: 1, recoveryMs: 0 });
  });

  it('a run that stays at 20 % of offered is collapsed and never recovers (Infinity)', () => {
    const c = detectCollapse(series((t) => (t < 60_000 ? OFFERED : 0.2 * OFFERED)), SPIKE, DEFAULT_COLLAPSE);
    expect(c?.collapsed).toBe(1);
    expect(c?.goodputShare).toBeCloseTo(0.2, 12);
    expect(c?.recovered).toBe(0);
    expect(c?.recoveryMs).toBe(Infinity);
  });

  it('a run back to full goodput from 100 s recovers 30 s after the trigger, before it is judged', () => {
    const c = detectCollapse(series((t) => (t >= 60_000 && t < 100_000 ? 0 : OFFERED)), SPIKE, DEFAULT_COLLAPSE);
    expect(c).toMatchObject({ collapsed: 0, recovered: 1, recoveryMs: 30_000, goodputShare: 1 });
  });

  it('a run still down when judged (130 s to 160 s) but back from 200 s is collapsed and recovered 130 s after the trigger', () => {
    const c = detectCollapse(series((t) => (t >= 60_000 && t < 200_000 ? 0 : OFFERED)), SPIKE, DEFAULT_COLLAPSE);
    expect(c).toMatchObject({ collapsed: 1, recovered: 1, recoveryMs: 130_000, goodputShare: 0 });
  });

  it('a partial, sticky level between the two thresholds (70 %) is neither collapsed nor recovered', () => {
    const c = detectCollapse(series((t) => (t < 60_000 ? OFFERED : 0.7 * OFFERED)), SPIKE, DEFAULT_COLLAPSE);
    expect(c).toMatchObject({ collapsed: 0, recovered: 0, recoveryMs: Infinity });
  });

  it('a window that reaches the recovered share only in part of it does not count: 85 % is not 90 %', () => {
    // from 100 s: every row at 85 % of offered
    const c = detectCollapse(series((t) => (t >= 60_000 && t < 100_000 ? 0 : 0.85 * OFFERED)), SPIKE, DEFAULT_COLLAPSE);
    expect(c).toMatchObject({ collapsed: 0, recovered: 0 });
  });

  it('the thresholds are the settings: judged 10 s after, over 10 s, collapsed below 90 %', () => {
    const settings = { afterMs: 10_000, windowMs: 10_000, degradedBelow: 0.9, recoveredAt: 0.95 };
    const c = detectCollapse(series((t) => (t < 60_000 || t >= 200_000 ? OFFERED : 0.8 * OFFERED)), SPIKE, settings);
    expect(c).toMatchObject({ collapsed: 1, recovered: 1, recoveryMs: 130_000 });
  });

  it('the last of several triggers counts: a failure window ending at 150 s is judged at 210 s', () => {
    const triggers = [...SPIKE, { fromMs: 120_000, toMs: 150_000, label: 'failures[0]' }];
    // down only from 120 s to 180 s: judged 210 s to 240 s, fine again
    const c = detectCollapse(series((t) => (t >= 120_000 && t < 180_000 ? 0 : OFFERED)), triggers, DEFAULT_COLLAPSE);
    expect(c).toMatchObject({ lastTriggerEndMs: 150_000, collapsed: 0, recovered: 1, recoveryMs: 30_000 });
  });

  it('no trigger: no collapse figures (absent, not 0)', () => {
    expect(detectCollapse(series(() => 0), [], DEFAULT_COLLAPSE)).toBeUndefined();
  });

  it('a run that ends before the judged window does has no collapse figures', () => {
    expect(detectCollapse(series(() => 0, 150_000), SPIKE, DEFAULT_COLLAPSE)).toBeUndefined();
    expect(detectCollapse(series(() => 0, 160_000), SPIKE, DEFAULT_COLLAPSE)).toMatchObject({ collapsed: 1 });
  });

  it('a judged window with nothing offered has no collapse figures', () => {
    const rows = series(() => 0).map((r) => (r.startMs >= 130_000 && r.startMs < 160_000 ? { ...r, arrivals: 0 } : r));
    expect(detectCollapse(rows, SPIKE, DEFAULT_COLLAPSE)).toBeUndefined();
  });
});

describe('windowShare', () => {
  it('counts the part of a row inside the window: half of a row at 0 and half of one at 200 is 50 %', () => {
    const rows = series((t) => (t < 100_000 ? 0 : OFFERED));
    expect(windowShare(rows)(97_500, 102_500)).toBeCloseTo(0.5, 12);
    expect(windowShare(rows)(100_000, 130_000)).toBe(1);
    expect(windowShare(rows)(0, 100_000)).toBe(0);
  });

  it('agrees with summing the rows directly on every aligned window of a random series', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rows = series(() => Math.round(next() * OFFERED));
    const share = windowShare(rows);
    for (let from = 0; from + 30_000 <= RUN_MS; from += ROW_MS) {
      const inside = rows.filter((r) => r.startMs >= from && r.endMs <= from + 30_000);
      const direct = inside.reduce((n, r) => n + r.requestsOk, 0) / inside.reduce((n, r) => n + r.arrivals, 0);
      expect(share(from, from + 30_000)).toBeCloseTo(direct, 12);
    }
  });
});
