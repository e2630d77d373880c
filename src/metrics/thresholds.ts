/**
 * SLO thresholds, as k6 has them: `p99: "< 300ms"`, `errorRate: "< 1%"`,
 * `monthlyCost: "< 2000 USD"`. Each is parsed once into a typed check
 * (metric, operator, value in the metric's own unit) and evaluated on a
 * run's figures, or on their confidence intervals when the run is
 * replicated: then a threshold passes only if the whole interval does.
 *
 * Grammar: `<op> <number>[<unit>]`, op one of `<`, `<=`, `>`, `>=`; the
 * unit must fit the metric's kind: durations `ms`, `s`, `m`; ratios `%` or
 * a bare fraction; money `USD` after the number or `$` before it; rates
 * `/s`; counts and plain numbers none.
 */
import { COST_SERVICES } from '../catalog/billed-services.js';
import { closest } from 'fastest-levenshtein';
import { absentFigure } from './replicated-summary.js';

export type MetricKind = 'duration' | 'ratio' | 'money' | 'rate' | 'number';

interface MetricDefinition {
  kind: MetricKind;
  description: string;
  /** The figure it reads (a name of summary.csv / the replicated figures). */
  figure: string;
  /** Whose figure it is, where the name does not say (`p99`: the successful requests'), for the result's message. */
  of?: string;
}

/** A figure's value: one number, or a replicated run's mean and interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

const latency = (p: string, label: string): MetricDefinition => ({ kind: 'duration', description: `${label} end-to-end latency of successful requests`, figure: `latencyMs.ok.${p}`, of: 'successful requests' });

export const METRICS: Readonly<Record<string, MetricDefinition>> = {
  p50: latency('p50', 'median'),
  p90: latency('p90', '90th percentile'),
  p95: latency('p95', '95th percentile'),
  p99: latency('p99', '99th percentile'),
  p999: latency('p999', '99.9th percentile'),
  max: latency('max', 'largest'),
  mean: latency('mean', 'mean'),
  errorRate: { kind: 'ratio', description: 'share of finished requests that failed, after retries: an error answer, a client time-out, gave up, refused by a circuit breaker', figure: 'requests.errorRatio' },
  throttleRate: { kind: 'ratio', description: 'share of ended attempts answered 429 (any throttle)', figure: 'attempts.throttleRatio' },
  timeoutRate: { kind: 'ratio', description: 'share of ended attempts the client timed out', figure: 'attempts.timeoutRatio' },
  amplification: { kind: 'number', description: 'attempts per logical request', figure: 'attempts.amplification' },
  goodput: { kind: 'rate', description: 'requests that ended ok, per second', figure: 'requests.goodputPerSecond' },
  monthlyCost: { kind: 'money', description: 'the month’s bill', figure: 'cost.totalUsd' },
  pCollapse: { kind: 'ratio', description: 'P(collapse): share of runs still degraded after the last trigger (one run: 0 or 1), Wilson interval when replicated', figure: 'collapse.probability' },
  recoveryTime: { kind: 'duration', description: 'median time from the last trigger’s end to recovery (never counts as longer than any)', figure: 'collapse.recoveryMs.median' },
};

/**
 * A threshold metric, or any figure of summary.csv by its name
 * (`events.lambda.coldStarts`, `attempts.outcomes.429 stage`), checked as a
 * plain number; a count the run does not have is 0.
 */
export function metricDefinition(name: string): MetricDefinition | undefined {
  if (METRICS[name]) return METRICS[name];
  if (!name.includes('.')) return undefined;
  // a bill's figure is its total or a service's line: a misspelt service would read as $0 and pass any "< x"
  if (name.startsWith('cost.')) return name === 'cost.totalUsd' || (COST_SERVICES as readonly string[]).includes(name.slice(5)) ? { kind: 'number', description: 'a figure of the bill (USD)', figure: name } : undefined;
  // a latency figure (latencyMs.failed.p99, stagesMs.overhead.mean, deliveryMs.p50) is in ms: "< 300ms", "> 60s"
  const kind = DURATION_FIGURE.test(name) ? 'duration' : 'number';
  return { kind, description: 'a figure of summary.csv', figure: name };
}

const DURATION_FIGURE = /^(latencyMs|stagesMs|deliveryMs)\.(.+\.)?(p50|p90|p95|p99|p999|max|mean)$/;

export type Operator = '<' | '<=' | '>' | '>=';

export interface Threshold {
  metric: string;
  /** As written: `< 300ms`. */
  text: string;
  operator: Operator;
  /** In the metric's base unit: ms, a fraction, USD, per second. */
  value: number;
}

export class ThresholdError extends Error {
  override name = 'ThresholdError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const EXPRESSION = /^\s*(<=|>=|<|>)\s*(\$)?\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([a-zA-Z%/]*)\s*$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const EXAMPLE: Record<MetricKind, string> = { duration: '"< 300ms"', ratio: '"< 1%"', money: '"< 2000 USD"', rate: '">= 500/s"', number: '"< 1.5"' };

/** `p99`, `< 300ms` -> a check in ms; throws a ThresholdError with a hint for anything else. */
export function parseThreshold(metric: string, text: string): Threshold {
  const definition = metricDefinition(metric);
  if (!definition && metric.startsWith('cost.')) {
    const figures = ['cost.totalUsd', ...COST_SERVICES.map((service) => `cost.${service}`)];
    throw new ThresholdError(`no figure "${metric}" on the bill`, `did you mean "${closest(metric, figures)}"? (${figures.join(', ')})`);
  }
  if (!definition) throw new ThresholdError(`no metric "${metric}"`, `did you mean "${closest(metric, Object.keys(METRICS))}"? (metrics: ${Object.keys(METRICS).join(', ')}, or a figure of summary.csv such as events.lambda.coldStarts)`);
  const match = EXPRESSION.exec(text);
  if (!match) throw new ThresholdError(`${metric}: "${text}" is not a threshold`, `an operator (<, <=, >, >=) and a value, e.g. ${metric}: ${EXAMPLE[definition.kind]}`);
  const [, operator, dollar, number, unit] = match;
  // 15 significant digits: 99.9 % is 0.999 and 1.1 s is 1100 ms exactly, so `>= 99.9%` holds for a share of 0.999
  const value = Number(inBaseUnit(metric, definition.kind, Number(number), unit, dollar !== undefined).toPrecision(15));
  // 1e400 reads as Infinity: a check against it would hold (or fail) whatever the run did
  if (!Number.isFinite(value)) throw new ThresholdError(`${metric}: "${text}" is too large a number`, `give a finite value, e.g. ${metric}: ${EXAMPLE[definition.kind]}`);
  return { metric, text: `${operator} ${dollar ?? ''}${number}${/^[a-z]/i.test(unit) && unit.length > 2 ? ' ' : ''}${unit}`, operator: operator as Operator, value };
}

function inBaseUnit(metric: string, kind: MetricKind, n: number, unit: string, dollar: boolean): number {
  const wrong = (what: string) => new ThresholdError(`${metric}: ${what}`, `${metric} is ${describeKind(kind)}: e.g. ${metric}: ${EXAMPLE[kind]}`);
  if (dollar && kind !== 'money') throw wrong('a dollar amount for a metric that is not money');
  switch (kind) {
    case 'duration':
      if (!(unit in DURATION_MS)) throw wrong(unit ? `"${unit}" is not a unit of time` : 'a latency needs a unit');
      return n * DURATION_MS[unit];
    case 'ratio':
      if (unit === '%') return n / 100;
      if (unit === '' && n >= 0 && n <= 1) return n;
      throw wrong(unit ? `"${unit}" is not a share` : `${n} is not a share (give a percent, or a fraction from 0 to 1)`);
    case 'money':
      if ((dollar && unit === '') || unit.toUpperCase() === 'USD') return n;
      throw wrong(`"${unit || 'no unit'}" is not US dollars`);
    case 'rate':
      if (unit === '/s' || unit === '') return n;
      throw wrong(`"${unit}" is not per second`);
    case 'number':
      if (unit === '') return n;
      throw wrong(`"${unit}": this metric has no unit`);
  }
}

const describeKind = (kind: MetricKind) => ({ duration: 'a latency (ms, s or m)', ratio: 'a share (% or 0..1)', money: 'money (USD)', rate: 'a rate (/s)', number: 'a plain number' })[kind];

/** `{ p99: "< 300ms", errorRate: ["< 1%", "> 0%"] }` -> checks, in order. */
export function parseThresholds(spec: Readonly<Record<string, string | readonly string[]>>): Threshold[] {
  return Object.entries(spec).flatMap(([metric, texts]) => (typeof texts === 'string' ? [texts] : texts).map((text) => parseThreshold(metric, text)));
}

/** `p99<300ms` (the command line's form) -> a check. */
export function parseThresholdFlag(flag: string): Threshold {
  // a metric, or a figure of summary.csv by its dotted name (deliveryMs.p99, events.bus.expired)
  const match = /^\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9][A-Za-z0-9 _-]*)*?)\s*((?:<=|>=|<|>).*)$/.exec(flag);
  if (!match) throw new ThresholdError(`--threshold ${flag}: expected a metric and a condition`, 'e.g. --threshold "p99<300ms" or --threshold "errorRate<1%"');
  return parseThreshold(match[1], match[2]);
}

export interface ThresholdResult {
  threshold: Threshold;
  observed: Interval;
  /** An interval (a replicated run), whose every point must pass. */
  replicated: boolean;
  pass: boolean;
  /** `✓ p99 < 300ms (observed 212.4 ms)`. */
  message: string;
}

/** Each check against the figures (a single run's as `{mean, low, high}` all equal). An undefined figure fails. */
export function evaluateThresholds(thresholds: readonly Threshold[], figures: ReadonlyMap<string, Interval>, replicated: boolean): ThresholdResult[] {
  return thresholds.map((threshold) => {
    const definition = metricDefinition(threshold.metric) as MetricDefinition;
    // a named metric the run lacks has no value; a count of summary.csv that did not happen is 0
    const absent = METRICS[threshold.metric] ? NaN : absentFigure(definition.figure);
    const observed = figures.get(definition.figure) ?? { mean: absent, low: absent, high: absent };
    const bound = threshold.operator.startsWith('<') ? observed.high : observed.low;
    const holds = (v: number) => (threshold.operator === '<' ? v < threshold.value : threshold.operator === '<=' ? v <= threshold.value : threshold.operator === '>' ? v > threshold.value : v >= threshold.value);
    // a recovery time can be never (Infinity): a value that fails "< x" and passes "> x"
    const known = !Number.isNaN(observed.mean) && !Number.isNaN(bound);
    const pass = known && holds(bound);
    const format = (v: number) => formatValue(definition.kind, v);
    const value = replicated && observed.low !== observed.high ? `observed ${format(observed.mean)}, 95 % CI ${format(observed.low)} – ${format(observed.high)}` : `observed ${format(observed.mean)}`;
    const seen = !known ? 'no value in this run' : definition.of ? `${value}, ${definition.of}` : value;
    return { threshold, observed, replicated, pass, message: `${pass ? '✓' : '✗'} ${threshold.metric} ${threshold.text} (${seen})` };
  });
}

function formatValue(kind: MetricKind, v: number): string {
  if (v === Infinity) return 'never';
  switch (kind) {
    case 'duration':
      return `${Number(v.toFixed(1))} ms`;
    case 'ratio':
      return `${Number((100 * v).toFixed(3))} %`;
    case 'money':
      return `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'rate':
      return `${Number(v.toFixed(1))}/s`;
    case 'number':
      return String(Number(v.toFixed(3)));
  }
}

/** A single run's figures, each as an interval of one point. */
export function pointFigures(figures: ReadonlyArray<readonly [string, number]>): Map<string, Interval> {
  return new Map(figures.map(([name, v]) => [name, { mean: v, low: v, high: v }]));
}
