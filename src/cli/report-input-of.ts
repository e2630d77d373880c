/** What `run` and `compare` hand the reporters for one run. */
import type { CostEstimate } from '../cost/cost-estimate.js';
import { latencyCdf } from '../metrics/summary.js';
import type { ReportInput } from '../report/report-input.js';
import type { RunResult } from '../scenario/run.js';
import type { Scenario } from '../scenario/schema.js';
import { TOOL } from './version.js';

export function reportInputOf(file: string, raw: unknown, scenario: Scenario, result: RunResult, cost: CostEstimate): ReportInput {
  return {
    tool: TOOL,
    scenario: { name: scenario.name, description: scenario.description, file, echo: raw },
    seed: result.seed,
    summary: result.summary,
    series: result.records.series,
    usage: result.usage,
    cost: [cost],
    failureWindows: scenario.failures.map((f) => ({ fromS: f.at / 1000, toS: (f.at + f.for) / 1000, label: `${f.target}: ${failureEffect(f)}` })),
    latencyCdf: { ok: latencyCdf(result.records.latencyOk), failed: latencyCdf(result.records.latencyFailed) },
  };
}

function failureEffect(f: Scenario['failures'][number]): string {
  if (f.outage) return 'outage';
  if (f.errorRate !== undefined) return `${Math.round(f.errorRate * 100)} % errors`;
  if (f.addLatency !== undefined) return 'added latency';
  if (f.capacity !== undefined) return `${Math.round(f.capacity * 100)} % capacity`;
  if (f.flushWarm) return 'deployment';
  if (f.throttle) return `${f.throttle.bucket} throttle ${f.throttle.rate}/s`;
  return 'failure';
}
