/**
 * The streaming recorder: turns the simulation's records into counters,
 * latency histograms and one time-series row per interval. Memory depends on
 * the number of intervals and distinct outcomes, never on the number of
 * requests.
 */
import { INTERVAL_SIGNIFICANT_DIGITS, LatencyHistogram } from './latency-histogram.js';
import type { FinalOutcome, RecordSink, StageName, StageTimes } from './record-sink.js';
import { STAGE_AUTHORIZER, STAGE_CACHE, STAGE_COLD_START, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD, STAGE_QUEUE } from './record-sink.js';
import { TimeSeries, type IntervalRow } from './time-series.js';

export type { IntervalRow } from './time-series.js';

export interface RecorderOptions {
  intervalMs: number;
  warmupMs: number;
  /** The stages this scenario has (per-stage latency is recorded for these only). */
  stages?: readonly StageName[];
  /** The scenario delivers events asynchronously (an event bus): record how long each took to be processed. */
  deliveries?: boolean;
}


/** Everything recorded, after the run: what summaries and reports are built from. */
export interface RunRecords {
  intervalMs: number;
  warmupMs: number;
  /** Requests that arrived after the warm-up. */
  requestsArrived: number;
  requestsEnded: Record<FinalOutcome, number>;
  /** Counted requests by the number of attempts they used (index 0 = none: refused by the circuit breaker). */
  attemptsUsed: number[];
  attemptsStarted: number;
  attemptsEnded: number;
  /** Every request and attempt that ended, warm-up included (for the conservation check). */
  allRequestsEnded: number;
  allAttemptsEnded: number;
  attemptOutcomes: Record<string, number>;
  /** Events (cold starts, throttles...) from the warm-up's end on. */
  events: Record<string, number>;
  /** Every event some component of the run can count, counted or not (a name outside it is no event of this scenario). */
  eventNames: string[];
  /** Highest level each gauge reached after the warm-up (at any moment, not only at an interval's end). */
  gaugePeaks: Record<string, number>;
  latencyOk: LatencyHistogram;
  /**
   * End-to-end latency (arrival to final outcome) of the requests that did
   * not succeed: an error answer, a client time-out, gave up, refused by a
   * circuit breaker. With `latencyOk` it makes the latency of all requests.
   */
  latencyNotOk: LatencyHistogram;
  /** Latency of attempts answered with an error status (how fast failures come back). */
  latencyFailed: LatencyHistogram;
  /** Per-stage latency of the successful attempts (where p99 comes from), for the scenario's stages. */
  stageLatency: Partial<Record<StageName, LatencyHistogram>>;
  /** Asynchronous path: from publication to a consumer's successful processing, per counted delivery; null without one. */
  deliveryLatency: LatencyHistogram | null;
  /** One row per interval. */
  series: TimeSeries;
}

export class Recorder implements RecordSink {
  private readonly records: RunRecords;
  /**
   * Latency of the ok requests ending in the open interval, warm-up included,
   * at 1 % precision (see INTERVAL_SIGNIFICANT_DIGITS); the run's histogram
   * records the counted ones at 0.1 %.
   */
  private readonly intervalOk = new LatencyHistogram(INTERVAL_SIGNIFICANT_DIGITS);
  /** The last outcome label (most attempts end like the one before), then one label id per (cause, status): see `labelOf`. */
  private lastStatus = -1;
  private lastCause = '';
  private lastLabel = -1;
  private readonly labelCauses: string[] = [];
  private readonly labelStatuses: number[] = [];
  private readonly labelIds: number[] = [];
  /** Label id by status, for the statuses whose label does not depend on the cause (-1: not seen yet). */
  private readonly labelByStatus = new Int32Array(STATUS_LIMIT).fill(-1);
  private readonly outcomes = new CounterSet();
  private readonly events = new CounterSet();
  private row: IntervalRow;
  /** The recorded stages' fields and histograms, side by side. */
  /** One histogram per stage of the scenario, null for a stage it does not have. */
  private readonly stage: Record<StageName, LatencyHistogram | null>;

  constructor(private readonly options: RecorderOptions) {
    const stages = options.stages ?? [];
    // 2 significant digits (1 %) is plenty to see where the time goes, and an eighth of the counts stays in the CPU cache
    const histogramIf = (name: StageName) => (stages.includes(name) ? new LatencyHistogram(INTERVAL_SIGNIFICANT_DIGITS) : null);
    this.stage = {
      network: histogramIf('network'),
      overhead: histogramIf('overhead'),
      authorizer: histogramIf('authorizer'),
      cache: histogramIf('cache'),
      integration: histogramIf('integration'),
      queue: histogramIf('queue'),
      coldStart: histogramIf('coldStart'),
    };
    this.records = {
      intervalMs: options.intervalMs,
      warmupMs: options.warmupMs,
      requestsArrived: 0,
      requestsEnded: emptyFinals(),
      attemptsUsed: [],
      attemptsStarted: 0,
      attemptsEnded: 0,
      allRequestsEnded: 0,
      allAttemptsEnded: 0,
      attemptOutcomes: {},
      events: {},
      eventNames: [],
      gaugePeaks: {},
      latencyOk: new LatencyHistogram(),
      latencyNotOk: new LatencyHistogram(),
      latencyFailed: new LatencyHistogram(),
      stageLatency: Object.fromEntries(stages.map((name) => [name, this.stage[name]])),
      deliveryLatency: options.deliveries ? new LatencyHistogram() : null,
      series: new TimeSeries(),
    };
    this.row = emptyRow(0, options.intervalMs);
  }

  requestArrived(_atMs: number, counted: boolean): void {
    this.row.arrivals++;
    if (counted) this.records.requestsArrived++;
  }

  eventDelivered(latencyMs: number, counted: boolean): void {
    if (counted) this.records.deliveryLatency?.record(latencyMs);
  }

  attemptStarted(_atMs: number, counted: boolean): void {
    this.row.attemptsStarted++;
    if (counted) this.records.attemptsStarted++;
  }

  attemptEnded(_atMs: number, latencyMs: number, status: number, cause: string, counted: boolean): void {
    this.records.allAttemptsEnded++;
    const label = this.labelOf(status, cause);
    this.outcomes.add(label, 1, counted);
    if (!counted) return;
    this.records.attemptsEnded++;
    if (status !== 0 && (status < 200 || status >= 300)) this.records.latencyFailed.record(latencyMs);
  }

  attemptStages(stages: StageTimes, counted: boolean): void {
    if (!counted) return;
    // each field by name: a computed key (stages[field]) makes the load megamorphic
    const h = this.stage;
    // a stage whose bit is clear took no time (its field may hold an earlier use's)
    const written = stages.stagesWritten;
    h.network?.record(written & STAGE_NETWORK ? stages.networkMs : 0);
    h.overhead?.record(written & STAGE_OVERHEAD ? stages.overheadMs : 0);
    h.authorizer?.record(written & STAGE_AUTHORIZER ? stages.authorizerMs : 0);
    h.cache?.record(written & STAGE_CACHE ? stages.cacheMs : 0);
    h.integration?.record(written & STAGE_INTEGRATION ? stages.integrationMs : 0);
    h.queue?.record(written & STAGE_QUEUE ? stages.queueMs : 0);
    h.coldStart?.record(written & STAGE_COLD_START ? stages.coldStartMs : 0);
  }

  requestEnded(_atMs: number, latencyMs: number, outcome: FinalOutcome, attempts: number, counted: boolean): void {
    this.records.allRequestsEnded++;
    countFinal(this.row.finals, outcome);
    if (counted) {
      const used = this.records.attemptsUsed;
      while (used.length <= attempts) used.push(0);
      used[attempts]++;
    }
    if (outcome === 'ok') {
      this.row.requestsOk++;
      this.intervalOk.record(latencyMs);
      if (counted) this.records.latencyOk.record(latencyMs);
    } else if (counted) {
      this.records.latencyNotOk.record(latencyMs);
    }
    if (counted) countFinal(this.records.requestsEnded, outcome);
  }

  count(event: string, atMs: number, counted: boolean, amount = 1): void {
    this.countById(this.events.id(event), atMs, counted, amount);
  }

  counterId(event: string): number {
    return this.events.id(event);
  }

  countById(id: number, _atMs: number, counted: boolean, amount = 1): void {
    this.events.add(id, amount, counted);
  }

  closeInterval(atMs: number, gauges: Readonly<Record<string, number>>, peaksInInterval: Readonly<Record<string, number>> = gauges): void {
    const row = this.row;
    row.endMs = atMs;
    row.gauges = { ...gauges };
    row.outcomes = this.outcomes.closeRow();
    row.events = this.events.closeRow();
    row.p50Ms = this.intervalOk.percentileMs(50);
    row.p90Ms = this.intervalOk.percentileMs(90);
    row.p99Ms = this.intervalOk.percentileMs(99);
    this.intervalOk.reset();
    if (atMs > this.options.warmupMs) {
      const peaks = this.records.gaugePeaks;
      for (const [name, value] of Object.entries(gauges)) peaks[name] = Math.max(peaks[name] ?? -Infinity, peaksInInterval[name] ?? value, value);
    }
    this.records.series.append(row);
    this.row = emptyRow(atMs, atMs + this.options.intervalMs);
  }

  /** The intervals closed so far (a run's progress shows them while it goes on). */
  get series(): TimeSeries {
    return this.records.series;
  }

  /** Records after the last interval (requests that finish while the run drains). */
  finish(): RunRecords {
    this.intervalOk.dispose();
    this.records.attemptOutcomes = this.outcomes.totals();
    this.records.events = this.events.totals();
    this.records.eventNames = this.events.allNames();
    return this.records;
  }

  /** The counter of `2xx`, `429 stage`, `504`, `timeout`...: one label per (status, cause), cached. */
  private labelOf(status: number, cause: string): number {
    // only a 429 (which throttle) and a 403 (WAF, an API key, or an authorizer: a WAF block and a
    // bad API key are always 403, ../catalog/front-doors.ts, and no gateway response remaps them) need the cause: the others
    // are found by status, with no string compared
    if (status !== 429 && status !== 403 && status >= 0 && status < STATUS_LIMIT) {
      const label = this.labelByStatus[status];
      if (label >= 0) return label;
      return (this.labelByStatus[status] = this.outcomes.id(outcomeLabel(status, cause)));
    }
    // most attempts end like the one before: remember the last label
    if (status === this.lastStatus && cause === this.lastCause) return this.lastLabel;
    return this.findLabel(status, cause);
  }

  /**
   * A run sees a handful of (cause, status) pairs, and causes are string
   * literals, so `===` compares pointers: a scan beats a Map of Maps, also
   * where labels alternate and the last-label memo misses. Kept out of
   * `labelOf` so that stays small.
   */
  private findLabel(status: number, cause: string): number {
    const causes = this.labelCauses;
    const statuses = this.labelStatuses;
    let label = -1;
    for (let i = 0; i < causes.length; i++) {
      if (statuses[i] === status && causes[i] === cause) {
        label = this.labelIds[i];
        break;
      }
    }
    if (label === -1) {
      label = this.outcomes.id(outcomeLabel(status, cause));
      causes.push(cause);
      statuses.push(status);
      this.labelIds.push(label);
    }
    this.lastStatus = status;
    this.lastCause = cause;
    this.lastLabel = label;
    return label;
  }
}

/** Statuses below this are labelled from a table (HTTP statuses are three digits; 0 is a client time-out). */
const STATUS_LIMIT = 1000;

export function outcomeLabel(status: number, cause: string): string {
  if (status === 0) return 'timeout';
  if (status >= 200 && status < 300) return '2xx';
  if (status === 429 && cause.startsWith('throttle-')) return `429 ${cause.slice('throttle-'.length)}`;
  // a Lambda throttle answered as 429 (a function URL, or a gateway response remapping it): the function's concurrency
  if (status === 429 && cause === 'lambda-throttle') return '429 lambda';
  if (cause === 'waf-blocked') return `${status} waf`;
  // a usage plan's key check (a missing or unknown API key), not an authorizer's refusal
  if (cause === 'api-key-invalid') return `${status} api-key`;
  // a resource policy's denial, not an authorizer's
  if (cause === 'policy-denied') return `${status} resource-policy`;
  return String(status);
}

function emptyRow(startMs: number, endMs: number): IntervalRow {
  return { startMs, endMs, arrivals: 0, attemptsStarted: 0, finals: emptyFinals(), outcomes: {}, requestsOk: 0, p50Ms: NaN, p90Ms: NaN, p99Ms: NaN, events: {}, gauges: {} };
}

/**
 * One more request with this final outcome. Each outcome by name: with the
 * outcome as a computed key (`finals[outcome]++`) the five names made the
 * access megamorphic, a lookup in V8's stub cache each time.
 */
function countFinal(finals: Record<FinalOutcome, number>, outcome: FinalOutcome): void {
  if (outcome === 'ok') finals.ok++;
  else if (outcome === 'gave-up') finals['gave-up']++;
  else if (outcome === 'timeout') finals.timeout++;
  else if (outcome === 'error') finals.error++;
  else finals['circuit-open']++;
}

function emptyFinals(): Record<FinalOutcome, number> {
  return { ok: 0, error: 0, timeout: 0, 'gave-up': 0, 'circuit-open': 0 };
}

/** How many counter names `CounterSet.id` compares by `===` before it asks its Map. */
const SCAN_NAMES = 16;

/**
 * Named counters kept in arrays indexed by a small id, for the open interval
 * and for the run after the warm-up; turned into records (names in the order
 * first counted, whenever their id was taken) only when an interval closes.
 * Adding to an array slot costs a fraction of a keyed property update on a
 * fresh object per interval.
 */
class CounterSet {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private row: number[] = [];
  /** Whether the counter was touched in the open interval (a count of 0 still makes a column). */
  private touched: boolean[] = [];
  private readonly total: number[] = [];
  private readonly totalTouched: boolean[] = [];
  /** Ids in the order first counted (the records' column order). */
  private readonly order: number[] = [];
  private readonly ever: boolean[] = [];

  id(name: string): number {
    // names are string literals, so `===` mostly compares pointers: scanning the first few beats the Map
    const names = this.names;
    const scan = names.length < SCAN_NAMES ? names.length : SCAN_NAMES;
    for (let i = 0; i < scan; i++) if (names[i] === name) return i;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.row.push(0);
      this.touched.push(false);
      this.total.push(0);
      this.totalTouched.push(false);
      this.ever.push(false);
    }
    return id;
  }

  /** Every name an id was taken for, counted or not. */
  allNames(): string[] {
    return [...this.names];
  }

  add(id: number, amount: number, counted: boolean): void {
    if (!this.ever[id]) {
      this.ever[id] = true;
      this.order.push(id);
    }
    this.row[id] += amount;
    this.touched[id] = true;
    if (counted) {
      this.total[id] += amount;
      this.totalTouched[id] = true;
    }
  }

  closeRow(): Record<string, number> {
    const record: Record<string, number> = {};
    for (const id of this.order) {
      if (!this.touched[id]) continue;
      record[this.names[id]] = this.row[id];
      this.row[id] = 0;
      this.touched[id] = false;
    }
    return record;
  }

  totals(): Record<string, number> {
    const record: Record<string, number> = {};
    for (const id of this.order) if (this.totalTouched[id]) record[this.names[id]] = this.total[id];
    return record;
  }
}

/** Frees the records' histograms now (their WASM memory is otherwise freed only when the GC gets to them). */
export function disposeRecords(records: RunRecords): void {
  records.latencyOk.dispose();
  records.latencyNotOk.dispose();
  records.latencyFailed.dispose();
  for (const h of Object.values(records.stageLatency)) h?.dispose();
  records.deliveryLatency?.dispose();
}
