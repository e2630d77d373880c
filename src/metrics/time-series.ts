/**
 * The per-interval time series, stored by column in growable typed arrays:
 * 8 bytes per value instead of five small objects per row, so a long run at
 * a short interval (a day at 1 s is 86,400 rows) stays small. Rows are
 * materialised one at a time for whoever reads them.
 */
import { FINAL_OUTCOMES, type FinalOutcome } from './record-sink.js';

/** One interval of the time series: counts of what happened in it and levels at its end. */
export interface IntervalRow {
  startMs: number;
  endMs: number;
  arrivals: number;
  attemptsStarted: number;
  /** Final outcomes of the requests that ended in this interval. */
  finals: Record<FinalOutcome, number>;
  /** Attempt outcomes by label (`2xx`, `429 stage`, `500`, `timeout`...); only those that happened. */
  outcomes: Record<string, number>;
  requestsOk: number;
  /** Latency of the requests that ended ok in this interval. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Counted events (only those that happened in the interval). */
  events: Record<string, number>;
  /** Levels sampled at the interval's end. */
  gauges: Record<string, number>;
}

/** A growable column of numbers. */
class Column {
  private values = new Float64Array(64);

  /** `rowsBefore` rows that came before this column existed hold `absent`. */
  constructor(rowsBefore = 0, absent = 0) {
    if (rowsBefore > 0) {
      this.values = new Float64Array(Math.max(64, 2 * rowsBefore));
      this.values.fill(absent, 0, rowsBefore);
    }
  }

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      const grown = new Float64Array(Math.max(2 * this.values.length, index + 1));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = value;
  }

  get(index: number): number {
    return this.values[index];
  }
}

const FIXED = ['startMs', 'endMs', 'arrivals', 'attemptsStarted', 'requestsOk', 'p50Ms', 'p90Ms', 'p99Ms'] as const;

/** Named columns (outcomes, events or gauges); NaN marks "not in this row". */
class NamedColumns {
  private readonly columns = new Map<string, Column>();

  set(row: number, record: Readonly<Record<string, number>>): void {
    for (const name in record) {
      let column = this.columns.get(name);
      if (!column) this.columns.set(name, (column = new Column(row, NaN)));
      column.set(row, record[name]);
    }
    for (const [name, column] of this.columns) if (!(name in record)) column.set(row, NaN);
  }

  get(row: number): Record<string, number> {
    const record: Record<string, number> = {};
    for (const [name, column] of this.columns) {
      const value = column.get(row);
      if (!Number.isNaN(value)) record[name] = value;
    }
    return record;
  }

  /** Names that appear in any row, sorted. */
  names(): string[] {
    return [...this.columns.keys()].sort();
  }
}

export class TimeSeries implements Iterable<IntervalRow> {
  private count = 0;
  private readonly fixed = FIXED.map(() => new Column());
  private readonly finals = FINAL_OUTCOMES.map(() => new Column());
  private readonly outcomes = new NamedColumns();
  private readonly events = new NamedColumns();
  private readonly gauges = new NamedColumns();

  get length(): number {
    return this.count;
  }

  append(row: IntervalRow): void {
    const i = this.count++;
    FIXED.forEach((field, k) => this.fixed[k].set(i, row[field]));
    FINAL_OUTCOMES.forEach((outcome, k) => this.finals[k].set(i, row.finals[outcome]));
    this.outcomes.set(i, row.outcomes);
    this.events.set(i, row.events);
    this.gauges.set(i, row.gauges);
  }

  row(i: number): IntervalRow {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no interval ${i} (the series has ${this.count})`);
    const fixed = this.fixed;
    const finals = Object.fromEntries(FINAL_OUTCOMES.map((outcome, k) => [outcome, this.finals[k].get(i)])) as Record<FinalOutcome, number>;
    return {
      startMs: fixed[0].get(i),
      endMs: fixed[1].get(i),
      arrivals: fixed[2].get(i),
      attemptsStarted: fixed[3].get(i),
      requestsOk: fixed[4].get(i),
      p50Ms: fixed[5].get(i),
      p90Ms: fixed[6].get(i),
      p99Ms: fixed[7].get(i),
      finals,
      outcomes: this.outcomes.get(i),
      events: this.events.get(i),
      gauges: this.gauges.get(i),
    };
  }

  *[Symbol.iterator](): Iterator<IntervalRow> {
    for (let i = 0; i < this.count; i++) yield this.row(i);
  }

  /** Every row as an object (for tests and small runs). */
  toArray(): IntervalRow[] {
    return [...this];
  }

  /** Column names in any row, sorted: what the CSV's columns are. */
  names(): { outcomes: string[]; events: string[]; gauges: string[] } {
    return { outcomes: this.outcomes.names(), events: this.events.names(), gauges: this.gauges.names() };
  }
}
