/** Reads a run's time series as numbers, for tests that assert on behaviour over time. */
import type { IntervalRow } from '../../src/metrics/recorder.js';

export interface SeriesPoint {
  startS: number;
  offeredPerS: number;
  goodputPerS: number;
  attemptsStarted: number;
}

export function series(rows: readonly IntervalRow[]): SeriesPoint[] {
  return rows.map((r) => {
    const seconds = (r.endMs - r.startMs) / 1000;
    return { startS: r.startMs / 1000, offeredPerS: r.arrivals / seconds, goodputPerS: r.requestsOk / seconds, attemptsStarted: r.attemptsStarted };
  });
}

/** Sum of a field over the points whose start is in [fromS, toS). */
export function total(points: readonly SeriesPoint[], field: keyof SeriesPoint, fromS: number, toS: number): number {
  return points.filter((p) => p.startS >= fromS && p.startS < toS).reduce((sum, p) => sum + p[field], 0);
}
