/**
 * The run's figures, derived from the records alone (a pure function): what
 * the terminal, `summary.csv` and `run.json` show.
 */
import type { CanaryFigures } from './canary.js';
import type { CollapseFigures } from './collapse.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { RunRecords } from './recorder.js';

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface RunSummary {
  /** Simulated time the figures cover (duration minus warm-up), in seconds. */
  measuredSeconds: number;
  requests: {
    offered: number;
    /** Final outcomes (see FinalOutcome): ok, and the four ways to fail. */
    ok: number;
    /** Requests that did not succeed: `error + timeout + gaveUp + circuitOpen`. */
    failed: number;
    /** Failed with an error answer the client does not retry. */
    error: number;
    /** Failed on a client time-out the client does not retry. */
    timeout: number;
    /** Failed after its last attempt failed with no attempts or retry budget left (whatever that attempt's outcome). */
    gaveUp: number;
    /** Refused by the client's open circuit breaker before an attempt was sent. */
    circuitOpen: number;
    /** Counted requests with no final outcome when the run stopped. */
    inFlight: number;
    offeredPerSecond: number;
    goodputPerSecond: number;
    /** Share of finished requests that failed: `failed / (ok + failed)`. */
    errorRatio: number;
  };
  attempts: {
    started: number;
    ended: number;
    /** Attempt outcomes by label: `2xx`, `429 stage`, `500`, `timeout`... */
    outcomes: Record<string, number>;
    /** Attempts per logical request (retry amplification). */
    amplification: number;
    /** Requests by attempts used: `{"1": 950, "2": 40, "3": 10}`. */
    perRequest: Record<string, number>;
  };
  /**
   * End-to-end latency, from a request's arrival to its final outcome (back-off
   * waits included): of all requests, whatever their outcome (`all`), and of
   * those that succeeded (`ok`); and the latency of attempts answered with an
   * error status (`failed`: how fast failures come back).
   */
  latencyMs: { all: LatencySummary; ok: LatencySummary; failed: LatencySummary };
  /**
   * The asynchronous path only (an event bus): from an event's publication
   * to its consumer's successful processing, retries' waits included.
   */
  deliveryMs?: LatencySummary;
  /**
   * Where the time of a successful attempt goes, by stage (overhead,
   * authorizer, cache, integration, and inside the integration the back-end
   * queue or the Lambda cold start): mean and percentiles of each stage on
   * its own. Percentiles do not add up (the p99 request is not p99 in every
   * stage); the means do, apart from the stages inside the integration.
   */
  stagesMs: Record<string, { mean: number; p50: number; p99: number }>;
  /** Counted events: cold starts, throttles, retries, wasted work... */
  events: Record<string, number>;
  /** Highest level each gauge reached in the intervals after the warm-up. */
  peaks: Record<string, number>;
  /** After the last trigger (failure window, spike): collapsed or not, and the recovery time (./collapse.ts); absent with no trigger. */
  collapse?: CollapseFigures;
  /** A canary release on the stage: each version's attempts and errors, rollback or promotion, the error budget burned (./canary.ts); absent without one. */
  canary?: CanaryFigures;
}

export function summarizeLatency(histogram: LatencyHistogram): LatencySummary {
  return {
    count: histogram.count,
    p50: histogram.percentileMs(50),
    p90: histogram.percentileMs(90),
    p95: histogram.percentileMs(95),
    p99: histogram.percentileMs(99),
    p999: histogram.percentileMs(99.9),
    max: histogram.maxMs,
    mean: histogram.meanMs,
  };
}

/** A point of a latency CDF: `[percent at or below, ms]`. */
export type CdfPoint = readonly [percent: number, ms: number];

/**
 * The percents a latency CDF is drawn at: every percent up to 90, then
 * finer towards the tail (90.5, 91... 99, 99.1... 99.9, 99.95, 99.99,
 * 99.999) and 100 (the maximum): 122 points, so the tail a p99 hides has as
 * much room as the body.
 */
export const CDF_PERCENTS: readonly number[] = [
  ...Array.from({ length: 91 }, (_, i) => i),
  ...Array.from({ length: 18 }, (_, i) => 90.5 + i / 2),
  ...Array.from({ length: 9 }, (_, i) => Number((99.1 + i / 10).toFixed(1))),
  99.95,
  99.99,
  99.999,
  100,
].filter((p, i, all) => all.indexOf(p) === i);

/**
 * The histogram's CDF at CDF_PERCENTS (empty for an empty histogram). A
 * percentile is the top of its bucket, which can lie past the largest value
 * seen: the curve is capped at the maximum, so it ends where the data does.
 */
export function latencyCdf(histogram: LatencyHistogram): CdfPoint[] {
  if (histogram.count === 0) return [];
  const max = histogram.maxMs;
  return CDF_PERCENTS.map((percent) => [percent, Math.min(histogram.percentileMs(percent), max)] as const);
}

/** Every counted request's end-to-end latency: the successful ones' and the others' histograms merged. */
export function summarizeAllRequests(records: Pick<RunRecords, 'latencyOk' | 'latencyNotOk'>): LatencySummary {
  const all = new LatencyHistogram();
  try {
    all.add(records.latencyOk);
    all.add(records.latencyNotOk);
    return summarizeLatency(all);
  } finally {
    all.dispose();
  }
}

export function summarizeRun(records: RunRecords, measuredMs: number): RunSummary {
  const ended = records.requestsEnded;
  const failed = ended.error + ended.timeout + ended['gave-up'] + ended['circuit-open'];
  const finished = ended.ok + failed;
  const measuredSeconds = measuredMs / 1000;
  const perRequest: Record<string, number> = {};
  records.attemptsUsed.forEach((n, attempts) => {
    if (n > 0) perRequest[String(attempts)] = n;
  });
  return {
    measuredSeconds,
    requests: {
      offered: records.requestsArrived,
      ok: ended.ok,
      failed,
      error: ended.error,
      timeout: ended.timeout,
      gaveUp: ended['gave-up'],
      circuitOpen: ended['circuit-open'],
      inFlight: records.requestsArrived - finished,
      offeredPerSecond: records.requestsArrived / measuredSeconds,
      goodputPerSecond: ended.ok / measuredSeconds,
      errorRatio: finished === 0 ? 0 : failed / finished,
    },
    attempts: {
      started: records.attemptsStarted,
      ended: records.attemptsEnded,
      outcomes: sortedRecord(records.attemptOutcomes),
      amplification: records.requestsArrived === 0 ? 0 : records.attemptsStarted / records.requestsArrived,
      perRequest,
    },
    latencyMs: { all: summarizeAllRequests(records), ok: summarizeLatency(records.latencyOk), failed: summarizeLatency(records.latencyFailed) },
    ...(records.deliveryLatency ? { deliveryMs: summarizeLatency(records.deliveryLatency) } : {}),
    stagesMs: Object.fromEntries(Object.entries(records.stageLatency).map(([stage, h]) => [stage, { mean: h.meanMs, p50: h.percentileMs(50), p99: h.percentileMs(99) }])),
    events: sortedRecord(records.events),
    peaks: sortedRecord(records.gaugePeaks),
  };
}

/** Same keys in a fixed order, so outputs are byte-stable. */
export function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every number of a summary as `[path, value]`: `requests.offered`, `latencyMs.ok.p99`, `attempts.outcomes.429 stage`... */
export function flattenSummary(summary: RunSummary): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') out.push([path, value]);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(summary, '');
  return out;
}
