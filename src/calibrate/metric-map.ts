/**
 * `--map <label>=<Metric>:<stat>`: which metric a series is when its label
 * or Id does not say (`--map m1=Latency:p99`, `--map "API latency=Latency:p50"`).
 */
import { KNOWN_NAMES, METRICS, normalizeStat, type Recognized } from './cloudwatch-metrics.js';

/** A --map the user wrote wrongly: the CLI prints it with its hint. */
export class MetricMapError extends Error {
  override name = 'MetricMapError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Label or Id -> what it is. */
export type MetricMap = ReadonlyMap<string, Recognized>;

export function parseMetricMap(given: readonly string[]): MetricMap {
  const map = new Map<string, Recognized>();
  for (const g of given) {
    const eq = g.lastIndexOf('=');
    const example = 'e.g. --map m1=Latency:p99 or --map "5xx errors=5XXError:Sum"';
    if (eq <= 0) throw new MetricMapError(`--map "${g}" is not <label>=<Metric>:<stat>`, example);
    const [name, stat] = g.slice(eq + 1).split(':');
    const metric = METRICS.find((m) => m.name.toLowerCase() === name.trim().toLowerCase());
    if (!metric) throw new MetricMapError(`--map "${g}": no metric "${name}"`, `one of ${KNOWN_NAMES.join(', ')}`);
    const normalized = stat === undefined ? metric.defaultStat : normalizeStat(stat.trim());
    if (normalized === null) throw new MetricMapError(`--map "${g}": no statistic "${stat}"`, 'Sum, Average, Maximum, Minimum, SampleCount or a percentile such as p99');
    map.set(g.slice(0, eq), { metric, stat: normalized });
  }
  return map;
}
