/**
 * Writes the calibrated scenario: the user's scenario with the fitted values
 * put in (yaml's Document API, so the rest of the file and its comments
 * stay), each with a comment naming the metric it came from, and a header
 * saying which export, which periods, and what was not fitted. The text is
 * checked as `validate` checks a scenario before it is handed back.
 */
import { parseDocument, type Node } from 'yaml';
import { parseScenarioText, type LoadedScenario } from '../scenario/loader.js';
import type { Calibration, Fitted, LatencyFit } from './fit.js';
import type { MetricExport } from './metric-export.js';

/** Load fields the observed counts replace: they are in the counts already. */
const REPLACED_LOAD = ['rate', 'virtualUsers', 'thinkTime', 'spikes', 'daily'];

export interface CalibratedScenario {
  text: string;
  loaded: LoadedScenario;
}

export function writeCalibratedScenario(source: LoadedScenario, sourceFile: string, exp: MetricExport, fit: Calibration, outFile: string): CalibratedScenario {
  const doc = parseDocument(source.text);
  const scenario = source.scenario;
  // a mapping that gets a commented value is written as a block, so each comment stays on its own value's line
  const block = (path: readonly string[]) => {
    for (let i = 1; i < path.length; i++) {
      const parent = doc.getIn(path.slice(0, i), true) as { flow?: boolean } | undefined;
      if (parent) parent.flow = false;
    }
  };
  const set = (path: string[], value: unknown, comment: string, flow = true) => {
    doc.setIn(path, doc.createNode(value, { flow }));
    block(path);
    const node = doc.getIn(path, true) as Node;
    node.comment = ` ${comment}`;
  };
  const header = [`Calibrated by apigw-sim calibrate from ${sourceFile} and the CloudWatch export ${exp.file}:`, `${exp.periods} periods of ${exp.periodS} s from ${new Date(exp.startMs).toISOString()}. Each fitted value says which metric it came from.`];
  doc.setIn(['name'], `${scenario.name}-calibrated`);
  if (fit.requestsPerPeriod) {
    const removed = REPLACED_LOAD.filter((k) => doc.hasIn(['load', k]));
    for (const k of removed) doc.deleteIn(['load', k]);
    if (removed.length > 0) header.push(`load.${removed.join(', load.')} replaced by the observed profile.`);
    doc.setIn(['load', 'profile'], doc.createNode(profilePhases(fit.requestsPerPeriod.value, fit.periodS), { flow: false }));
    block(['load', 'profile']);
    (doc.getIn(['load', 'profile'], true) as { flow?: boolean }).flow = false;
    for (const item of (doc.getIn(['load', 'profile'], true) as { items: Array<{ flow?: boolean }> }).items) item.flow = true;
    (doc.getIn(['load', 'profile'], true) as Node).commentBefore = ` from ${fit.requestsPerPeriod.from}: each period's requests, as a rate`;
    set(['duration'], durationText(fit.periods * fit.periodS), `the export's ${fit.periods} periods of ${fit.periodS} s`);
    set(['interval'], durationText(fit.periodS), "one time-series row per CloudWatch period, so the two overlay");
    if (scenario.warmup >= fit.periods * fit.periodS * 1000) set(['warmup'], '0s', 'the warm-up would cover the whole export');
  } else header.push('The load is not fitted: the export has no Count or RequestCount (Sum).');
  if (fit.latency) {
    const field = scenario.integration.type === 'lambda' ? 'duration' : 'service';
    if (field === 'duration' && doc.hasIn(['integration', 'durationByMemory'])) doc.deleteIn(['integration', 'durationByMemory']);
    set(['integration', field], distribution(fit.latency), `from ${fit.latency.from}`);
  } else header.push("The integration's latency is not fitted (no latency percentiles it can use).");
  if (fit.coldStart) set(['integration', 'coldStart'], distribution(fit.coldStart), `from ${fit.coldStart.from}`);
  if (fit.errorRate) set(['integration', 'errorRate'], fit.errorRate.value, `from ${fit.errorRate.from}`);
  if (fit.cacheHitRatio) set(['api', 'cache', 'hitRatio'], fit.cacheHitRatio.value, `from ${fit.cacheHitRatio.from}`);
  for (const note of fit.notes) header.push(`note: ${note}`);
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  const text = doc.toString({ lineWidth: 0 });
  return { text, loaded: parseScenarioText(text, outFile) };
}

/** One phase per run of equal rates (a period's requests as a rate over the period). */
export function profilePhases(requests: readonly number[], periodS: number): Array<{ for: string; rate: string }> {
  const phases: Array<{ for: string; rate: string; n: number; periods: number }> = [];
  for (const n of requests) {
    const last = phases[phases.length - 1];
    if (last && last.n === n) {
      last.periods++;
      last.for = durationText(last.periods * periodS);
    } else phases.push({ for: durationText(periodS), rate: rateText(n, periodS), n, periods: 1 });
  }
  return phases.map(({ for: f, rate }) => ({ for: f, rate }));
}

/** `n` requests per period as a rate the scenario reads back exactly: per second, minute, hour or day when the period is one. */
export function rateText(n: number, periodS: number): string {
  const units: Record<number, string> = { 1: 's', 60: 'min', 3600: 'h', 86400: 'd' };
  if (units[periodS]) return `${n}/${units[periodS]}`;
  return `${Number((n / periodS).toPrecision(12))}/s`;
}

export function durationText(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function distribution(fit: Fitted<LatencyFit>): unknown {
  const ms = (v: number) => `${v}ms`;
  const q = fit.value.quantiles;
  if (fit.value.form === 'p50/p99') return { p50: ms(q[0][1]), p99: ms(q[1][1]) };
  return { empirical: Object.fromEntries(q.map(([p, v]) => [`p${p}`, ms(v)])) };
}

