/**
 * The CloudWatch metrics `calibrate` reads, each with its namespace, its
 * unit (turned into milliseconds or a count here, once), the statistic it is
 * read with when the export does not name one, and the AWS page that defines
 * it:
 *
 * - API Gateway REST APIs (AWS/ApiGateway): Count, Latency, IntegrationLatency
 *   (Millisecond), 4XXError, 5XXError, CacheHitCount, CacheMissCount (Count):
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 * - HTTP APIs name their error metrics 4xx and 5xx:
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 * - Lambda (AWS/Lambda): Duration (Milliseconds; the handler's time, INIT not
 *   included), Throttles (Count), ConcurrentExecutions (Count, read as its
 *   Maximum): https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 *   InitDuration is not one of Lambda's standard metrics: it is read when an
 *   export carries it (a metric filter on the REPORT lines' "Init Duration",
 *   or Lambda Insights' init_duration), in milliseconds.
 * - Application Load Balancers (AWS/ApplicationELB): RequestCount (Count),
 *   TargetResponseTime (Seconds):
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 *
 * Statistics (Sum, Average, Maximum, pNN): https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */

export type MetricName =
  | 'Count'
  | 'Latency'
  | 'IntegrationLatency'
  | '4XXError'
  | '5XXError'
  | 'CacheHitCount'
  | 'CacheMissCount'
  | 'Duration'
  | 'Throttles'
  | 'ConcurrentExecutions'
  | 'InitDuration'
  | 'RequestCount'
  | 'TargetResponseTime';

/** What a metric measures: a count of events per period, a time per request, or a level. */
export type MetricKind = 'count' | 'latency' | 'level';

export interface MetricDefinition {
  readonly name: MetricName;
  readonly namespace: 'AWS/ApiGateway' | 'AWS/Lambda' | 'AWS/ApplicationELB';
  readonly kind: MetricKind;
  /** Multiplies a value into milliseconds (latencies) or leaves it (counts, levels). */
  readonly toMs: number;
  /** The statistic meant when the export names none. */
  readonly defaultStat: string;
  /** Other names the metric goes by in exports (HTTP APIs' `5xx`). */
  readonly aliases: readonly string[];
  readonly meaning: string;
}

const APIGW = 'AWS/ApiGateway';
const LAMBDA = 'AWS/Lambda';
const ALB = 'AWS/ApplicationELB';

export const METRICS: readonly MetricDefinition[] = [
  { name: 'Count', namespace: APIGW, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: [], meaning: 'API requests in the period (retries included)' },
  { name: 'Latency', namespace: APIGW, kind: 'latency', toMs: 1, defaultStat: 'Average', aliases: [], meaning: 'from the request reaching API Gateway to the response leaving it (ms)' },
  { name: 'IntegrationLatency', namespace: APIGW, kind: 'latency', toMs: 1, defaultStat: 'Average', aliases: [], meaning: 'from API Gateway relaying the request to the back end to its response (ms)' },
  { name: '4XXError', namespace: APIGW, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: ['4xx'], meaning: 'client-side errors in the period (throttling 429s included)' },
  { name: '5XXError', namespace: APIGW, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: ['5xx'], meaning: 'server-side errors in the period' },
  { name: 'CacheHitCount', namespace: APIGW, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: [], meaning: 'requests served from the API cache' },
  { name: 'CacheMissCount', namespace: APIGW, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: [], meaning: 'requests served by the back end with caching on' },
  { name: 'Duration', namespace: LAMBDA, kind: 'latency', toMs: 1, defaultStat: 'Average', aliases: [], meaning: "the function code's time per invocation (ms; INIT not included)" },
  { name: 'Throttles', namespace: LAMBDA, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: [], meaning: 'invocation requests Lambda throttled' },
  { name: 'ConcurrentExecutions', namespace: LAMBDA, kind: 'level', toMs: 1, defaultStat: 'Maximum', aliases: [], meaning: 'instances processing events at once' },
  { name: 'InitDuration', namespace: LAMBDA, kind: 'latency', toMs: 1, defaultStat: 'Average', aliases: ['Init Duration', 'init_duration'], meaning: "a new environment's INIT time (ms; from the REPORT lines or Lambda Insights)" },
  { name: 'RequestCount', namespace: ALB, kind: 'count', toMs: 1, defaultStat: 'Sum', aliases: [], meaning: 'requests the load balancer processed' },
  { name: 'TargetResponseTime', namespace: ALB, kind: 'latency', toMs: 1000, defaultStat: 'Average', aliases: [], meaning: 'from the request leaving the load balancer to the target answering (seconds)' },
];

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRICS.find((m) => m.name === name) as MetricDefinition;
}

/** Every name an export may use, the longest first (IntegrationLatency before Latency). */
const NAMES: ReadonlyArray<readonly [string, MetricDefinition]> = METRICS.flatMap((m) => [m.name, ...m.aliases].map((n) => [n, m] as const)).sort((a, b) => b[0].length - a[0].length);

const STAT_WORDS: Record<string, string> = {
  sum: 'Sum',
  average: 'Average',
  avg: 'Average',
  mean: 'Average',
  maximum: 'Maximum',
  max: 'Maximum',
  minimum: 'Minimum',
  min: 'Minimum',
  samplecount: 'SampleCount',
};

/** `p99`, `p99.9`, `P50`: the percentile (0-100), or null. */
export function percentileOf(stat: string): number | null {
  const m = /^p(\d{1,2}(?:\.\d+)?|100)$/i.exec(stat);
  return m ? Number(m[1]) : null;
}

/** A statistic as CloudWatch spells it (`Sum`, `p99`), or null when it is none. */
export function normalizeStat(word: string): string | null {
  if (percentileOf(word) !== null) return word.toLowerCase();
  return STAT_WORDS[word.toLowerCase()] ?? null;
}

export interface Recognized {
  metric: MetricDefinition;
  stat: string;
}

/**
 * The metric and statistic a label or Id names: a known metric name as a
 * word of it (`Latency p99`, `MyApi IntegrationLatency (p50)`,
 * `integrationlatency_p50`) and a statistic word (`p99`, `Sum`, `Maximum`),
 * or the metric's default statistic. Null when no known metric is named.
 */
export function recognizeLabel(label: string): Recognized | null {
  const lower = label.toLowerCase();
  let metric: MetricDefinition | undefined;
  let rest = label;
  for (const [name, definition] of NAMES) {
    const at = wordIndex(lower, name.toLowerCase());
    if (at >= 0) {
      metric = definition;
      rest = label.slice(0, at) + ' ' + label.slice(at + name.length);
      break;
    }
  }
  if (!metric) return null;
  const stats = rest
    .split(/[^A-Za-z0-9.]+/)
    .map((w) => normalizeStat(w))
    .filter((s): s is string => s !== null);
  return { metric, stat: stats[0] ?? metric.defaultStat };
}

/** Where `word` occurs in `text` not inside a longer word (letters and digits around it), or -1. */
function wordIndex(text: string, word: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return -1;
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + word.length] ?? '';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return at;
    from = at + 1;
  }
}

/** The names `--map` and the errors list. */
export const KNOWN_NAMES = METRICS.map((m) => m.name);
