import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { recognizeLabel } from '../../src/calibrate/cloudwatch-metrics.js';
import { writeCalibratedScenario } from '../../src/calibrate/calibrated-scenario.js';
import { compareRun } from '../../src/calibrate/comparison.js';
import { fitCalibration } from '../../src/calibrate/fit.js';
import { parseMetricExport } from '../../src/calibrate/read-export.js';
import { parseScenarioText } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { toConsoleCsv, toGetMetricData } from './export-from-run.js';

/** The truth: a known load profile and a log-normal handler time behind an HTTP API with a constant 5 ms overhead (so Latency − 5 ms is the integration's, exactly), every environment warm. */
const TRUTH_P50_MS = 60;
const TRUTH_P99_MS = 400;
const TRUTH = `name: calibrate-truth
seed: 7
duration: 5m
interval: 1m
load:
  profile:
    - { for: 2m, rate: 200/s }
    - { for: 1m, ramp: [200/s, 400/s] }
    - { for: 2m, rate: 300/s }
api:
  type: http
  overhead: { constant: 5ms }
integration:
  type: lambda
  duration: { p50: ${TRUTH_P50_MS}ms, p99: ${TRUTH_P99_MS}ms }
  concurrency: { provisioned: 200 }
  timeout: 10s
`;

const truth = parseScenarioText(TRUTH, 'truth.yaml');
const run = runScenario(truth.scenario);
const rows = run.records.series.toArray();

/**
 * How far a fitted percentile may be from the truth's: the fit is the
 * request-weighted mean of the periods' sample percentiles, whose standard
 * error is sqrt(p(1 − p)/N) / f(x_p) over all N requests of the export
 * (f the log-normal's density at the percentile), taken 4 times; plus the
 * time series' histogram, whose buckets are within 0.5 % of a value.
 */
function tolerance(p: number, requests: number): number {
  const sigma = Math.log(TRUTH_P99_MS / TRUTH_P50_MS) / probit(0.99);
  const z = probit(p);
  const x = TRUTH_P50_MS * Math.exp(sigma * z);
  const density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / (x * sigma);
  return 4 * (Math.sqrt((p * (1 - p)) / requests) / density) + 0.005 * x;
}

describe('calibrate recovers a known truth from the simulator\'s own export', () => {
  const requests = rows.reduce((a, r) => a + r.attemptsStarted, 0);

  it.each([
    ['a GetMetricData response (newest point first)', 'metrics.json', toGetMetricData(run.records.series)],
    ['a CSV in the wide shape', 'metrics.csv', toConsoleCsv(run.records.series)],
  ])('from %s: rates exact, p50 and p99 within the tolerance of the export\'s size', (_, name, text) => {
    const exp = parseMetricExport(text, name, new Map());
    expect(exp.periodS).toBe(60);
    expect(exp.periods).toBe(5);
    const fit = fitCalibration(exp, truth.scenario);
    expect(fit.requestsPerPeriod?.value).toEqual(rows.map((r) => r.attemptsStarted));
    const q = new Map(fit.latency?.value.quantiles);
    expect(Math.abs((q.get(50) as number) - TRUTH_P50_MS)).toBeLessThan(tolerance(0.5, requests));
    expect(Math.abs((q.get(99) as number) - TRUTH_P99_MS)).toBeLessThan(tolerance(0.99, requests));
    // the tolerance is tight enough to mean something: a few per cent of the value
    expect(tolerance(0.5, requests) / TRUTH_P50_MS).toBeLessThan(0.03);
    expect(tolerance(0.99, requests) / TRUTH_P99_MS).toBeLessThan(0.06);

    const { text: yaml, loaded } = writeCalibratedScenario(truth, 'truth.yaml', exp, fit, 'calibrated.yaml');
    const phases = loaded.scenario.load.profile as Array<{ for: number; rate?: number }>;
    // each minute's requests, as a rate per minute that reads back exactly
    expect(phases.map((p) => p.for)).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
    phases.forEach((p, i) => expect((p.rate as number) * 60).toBeCloseTo(rows[i].attemptsStarted, 9));
    for (const r of rows) expect(yaml).toContain(`rate: ${r.attemptsStarted}/min`);
    expect(yaml).toMatch(/# from AWS\/ApiGateway Count \(Sum\) per 60 s period/);
    expect(yaml).toMatch(/duration: \{ empirical: \{ p0: .*\} \} # from AWS\/ApiGateway Latency \(p50, p90, p99\)/);
  });

  it('the calibrated run reproduces the observed figures within a few per cent', () => {
    const exp = parseMetricExport(toGetMetricData(run.records.series), 'metrics.json', new Map());
    const fit = fitCalibration(exp, truth.scenario);
    const { loaded } = writeCalibratedScenario(truth, 'truth.yaml', exp, fit, 'calibrated.yaml');
    const again = runScenario(loaded.scenario, { seed: 11 });
    const comparison = compareRun(exp, again.records.series, again.summary);
    const byName = new Map(comparison.figures.map((f) => [f.figure, f]));
    expect([...byName.keys()]).toEqual(['Count (Sum)', 'Latency p50', 'Latency p90', 'Latency p99']);
    // Poisson arrivals at the observed rate: the total within 4 standard deviations
    expect(Math.abs((byName.get('Count (Sum)')?.simulated as number) - requests)).toBeLessThan(4 * Math.sqrt(requests));
    for (const p of ['p50', 'p90', 'p99']) expect(Math.abs(byName.get(`Latency ${p}`)?.relativeError as number)).toBeLessThan(0.05);
  });
});

describe('a hand-built export', () => {
  const scenario = parseScenarioText(
    `name: hand
duration: 1m
load: { rate: 10/s }
api: { type: rest, cache: { size: 0.5GB, ttl: 300s } }
integration: { type: lambda, duration: { p50: 10ms, p99: 50ms } }
`,
    'hand.yaml',
  );
  const at = (minute: number) => `2025-03-01T12:0${minute}:00Z`;
  const result = (id: string, label: string, values: number[], extra: Record<string, unknown> = {}) => ({ Id: id, Label: label, Timestamps: values.map((_, i) => at(i)), Values: values, ...extra });
  const exportText = JSON.stringify({
    MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration' }, Period: 60, Stat: 'p99' } }],
    MetricDataResults: [
      result('count', 'Count', [600, 1200, 900]),
      result('d50', 'Duration p50', [20, 22, 21]),
      result('m1', 'handler time', [80, 90, 85]),
      result('e5', '5XXError', [30, 60, 45]),
      result('thr', 'Throttles', [0, 15, 0]),
      result('hit', 'CacheHitCount', [300, 600, 450]),
      result('miss', 'CacheMissCount', [300, 600, 450]),
      result('rt', 'IntegrationLatency p50', [30, 30, 30]),
    ],
  });

  it('fits Lambda Duration as {p50, p99}, the error share less throttles, and the cache hit ratio', () => {
    const exp = parseMetricExport(exportText, 'hand.json', new Map());
    const fit = fitCalibration(exp, scenario.scenario);
    expect(fit.requestsPerPeriod?.value).toEqual([600, 1200, 900]);
    // weighted by requests: (20·600 + 22·1200 + 21·900) / 2700 and (80·600 + 90·1200 + 85·900) / 2700
    expect(fit.latency?.value).toEqual({ form: 'p50/p99', quantiles: [[50, 21.22], [99, 86.11]] });
    expect(fit.latency?.from).toContain('AWS/Lambda Duration (p50, p99)');
    expect(fit.errorRate?.value).toBeCloseTo((135 - 15) / 2700, 4);
    expect(fit.cacheHitRatio?.value).toBe(0.5);
    const { text } = writeCalibratedScenario(scenario, 'hand.yaml', exp, fit, 'calibrated.yaml');
    expect(text).toContain('duration: { p50: 21.22ms, p99: 86.11ms } # from AWS/Lambda Duration');
    expect(text).toContain('errorRate: 0.04444 # from 5XXError (Sum) less Lambda Throttles (Sum) over Count (Sum): 120 of 2700 requests');
    expect(text).toContain('hitRatio: 0.5 # from CacheHitCount');
    expect(text).not.toMatch(/^\s+rate: 10\/s/m);
  });

  it('reads an ALB\'s TargetResponseTime in seconds, and a --map for a label it cannot read', () => {
    const alb = JSON.stringify({
      MetricDataResults: [result('r', 'RequestCount', [60, 60]), result('a', 'trt fast', [0.05, 0.05]), result('b', 'TargetResponseTime p99', [0.2, 0.2])],
    });
    const albScenario = parseScenarioText('name: alb\nduration: 1m\nload: { rate: 1/s }\napi: { type: alb }\nintegration: { type: http, servers: 4, service: { mean: 20ms } }\n', 'alb.yaml');
    const map = new Map([['trt fast', { metric: recognizeLabel('TargetResponseTime')!.metric, stat: 'p50' }]]);
    const fit = fitCalibration(parseMetricExport(alb, 'alb.json', map), albScenario.scenario);
    expect(fit.latency?.value.quantiles).toEqual([[50, 50], [99, 200]]);
    expect(fit.requestsPerPeriod?.value).toEqual([60, 60]);
  });
});

describe('recognizing a series by its label or Id', () => {
  it.each([
    ['Latency p99', 'Latency', 'p99'],
    ['MyApi IntegrationLatency (p50)', 'IntegrationLatency', 'p50'],
    ['integrationlatency_p99.9', 'IntegrationLatency', 'p99.9'],
    ['Count', 'Count', 'Sum'],
    ['5xx', '5XXError', 'Sum'],
    ['ConcurrentExecutions', 'ConcurrentExecutions', 'Maximum'],
    ['Duration Average', 'Duration', 'Average'],
  ])('%s is %s (%s)', (label, metric, stat) => {
    expect(recognizeLabel(label)).toMatchObject({ metric: { name: metric }, stat });
  });

  it.each(['Invocations', 'LatencyBudget', 'CPUUtilization'])('%s is no metric calibrate reads', (label) => {
    expect(recognizeLabel(label)).toBeNull();
  });
});

describe('bad exports get one clear error with the file, the place and a hint', () => {
  const problem = (text: string, file: string) => {
    try {
      parseMetricExport(text, file, new Map());
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).problems;
    }
    throw new Error('expected an error');
  };

  it.each([
    ['an unknown metric in JSON, at its label\'s line', 'm.json', '{\n  "MetricDataResults": [\n    {\n      "Id": "x",\n      "Label": "Invocations",\n      "Timestamps": [], "Values": []\n    }\n  ]\n}', { path: 'MetricDataResults[0]', line: 5, message: /unknown metric: "Invocations"/, hint: /--map/ }],
    ['an unknown metric in CSV, at the header', 'm.csv', 'Time,Count,CPUUtilization\n2025-03-01T12:00:00Z,1,2\n', { path: 'column 3 "CPUUtilization"', line: 1, message: /unknown metric/, hint: /Latency p99/ }],
    ['an empty JSON export', 'm.json', '{"MetricDataResults": []}', { path: '', line: 1, message: /no metric series/, hint: /Count \(Sum\)/ }],
    ['a CSV with a header and no rows', 'm.csv', 'Time,Count\n', { path: '', line: 1, message: /no data points/, hint: /Count/ }],
    ['an empty CSV file', 'm.csv', '', { path: '', line: 1, message: /empty/, hint: /Download as .csv/ }],
    [
      'mismatched periods',
      'm.json',
      '{"MetricDataResults": [\n{"Label": "Count", "Timestamps": ["2025-03-01T12:00:00Z", "2025-03-01T12:01:00Z"], "Values": [1, 2]},\n{"Label": "Latency p50", "Timestamps": ["2025-03-01T12:00:00Z", "2025-03-01T12:05:00Z"], "Values": [1, 2]},\n{"Label": "Latency p99", "Timestamps": ["2025-03-01T12:00:30Z"], "Values": [1]}\n]}',
      { path: 'MetricDataResults[2]', line: 4, message: /off the other series' 60 s grid/, hint: /mismatched periods/ },
    ],
    [
      'a series exported at 5 minutes beside others at 1 minute',
      'm.csv',
      'Time,Count,Latency p99\n2025-03-01T12:00:00Z,1,\n2025-03-01T12:01:00Z,1,\n2025-03-01T12:05:00Z,1,5\n2025-03-01T12:10:00Z,1,5\n2025-03-01T12:15:00Z,1,5\n',
      { path: 'column 3 "Latency p99"', line: 1, message: /300 s apart, not whole periods of 60 s/, hint: /mismatched periods/ },
    ],
    ['stated periods that differ', 'm.json', '{"MetricDataQueries": [{"Id": "a", "Period": 60}, {"Id": "b", "Period": 300}],\n"MetricDataResults": [\n{"Id": "a", "Label": "Count", "Timestamps": ["2025-03-01T12:00:00Z"], "Values": [1]},\n{"Id": "b", "Label": "Latency p50", "Timestamps": ["2025-03-01T12:00:00Z"], "Values": [1]}]}', { path: 'MetricDataResults[1]', line: 4, message: /period is 300 s but "Count" has 60 s/, hint: /same Period/ }],
    ['values and timestamps of different lengths', 'm.json', '{"MetricDataResults": [{"Label": "Count", "Timestamps": ["2025-03-01T12:00:00Z"], "Values": [1, 2]}]}', { path: 'MetricDataResults[0].Values', line: 1, message: /2 values for 1 timestamps/, hint: /same length/ }],
    ['a time that is not one', 'm.csv', 'Time,Count\nyesterday,4\n', { path: 'column 1', line: 2, message: /"yesterday" is not a time/, hint: /ISO 8601/ }],
  ])('%s', (_, file, text, expected) => {
    const problems = problem(text, file);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(expected.path);
    expect(problems[0].line).toBe(expected.line);
    expect(problems[0].message).toMatch(expected.message);
    expect(problems[0].hint).toMatch(expected.hint);
  });
});
