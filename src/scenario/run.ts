/**
 * Runs a scenario from start to finish: builds it, starts every component,
 * closes one time-series interval per `interval`, stops the load at
 * `duration`, lets requests in flight finish (at most DRAIN_LIMIT_MS more),
 * checks that nothing was lost or counted twice, and returns the records,
 * the usage and the summary.
 */
import type { EventCallback } from '../engine/simulator.js';
import type { RunRecords } from '../metrics/recorder.js';
import { summarizeRun, type RunSummary } from '../metrics/summary.js';
import { detectCollapse } from '../metrics/collapse.js';
import { summarizeCanary } from '../metrics/canary.js';
import type { CanaryUsage } from '../model/canary/canary-release.js';
import type { TimeSeries } from '../metrics/time-series.js';
import { collapseSettingsOf, triggersOf } from './collapse-schema.js';
import type { ClientTotals } from '../model/client/client-pool.js';
import { listensForRunEnd, type Usage } from '../model/component.js';
import { buildSimulation, sampleGauges, samplePeaks, type BuiltSimulation } from './build.js';
import type { RunCostSpec, RunUsageByRole } from '../cost/run-usage.js';
import { costSpecOf } from './cost-spec.js';
import * as D from './defaults.js';
import type { Scenario } from './schema.js';

export interface RunResult {
  scenario: Scenario;
  seed: number;
  records: RunRecords;
  summary: RunSummary;
  /** Usage per component id, over the measured window (after the warm-up). */
  usage: Record<string, Usage>;
  /** The same usage by role, what the bill reads (cost/run-cost.ts). */
  roles: RunUsageByRole;
  /** The scenario's cost settings, for the bill. */
  costSpec: RunCostSpec;
  /** Events the kernel executed (for benchmarks; not written to reports). */
  eventsExecuted: number;
}

export class ConservationError extends Error {
  override name = 'ConservationError';
}

/** Sampling runs before anything else at an interval boundary. */
const SAMPLER_PRIORITY = -100;

/**
 * Told at every interval boundary how far the run is (simulated ms of
 * `durationMs`), how many requests arrived, and the time series so far (its
 * rows are the run's own: read them, do not keep the object past the call;
 * always given by runScenario).
 */
export type ProgressListener = (simulatedMs: number, durationMs: number, requests: number, series?: TimeSeries) => void;

export function runScenario(scenario: Scenario, options: { seed?: number; progress?: ProgressListener; reuseAttempts?: boolean; /** For tests: sees the built simulation before it starts. */ inspect?: (built: BuiltSimulation) => void } = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const built = buildSimulation(scenario, { seed, reuseAttempts: options.reuseAttempts });
  options.inspect?.(built);
  const { sim, recorder, components, client, ctx } = built;
  for (const component of components) component.start(ctx);

  const intervalMs = scenario.interval;
  // row k ends at k intervals (a product, so no rounding piles up), the last one at the
  // duration: shorter when the duration is not a whole number of intervals, and taking
  // in a remainder too small to be a row of its own
  let row = 1;
  const rowEndMs = () => (row * intervalMs >= scenario.duration - 1e-6 * intervalMs ? scenario.duration : row * intervalMs);
  const sample: EventCallback<null> = () => {
    recorder.closeInterval(sim.now, sampleGauges(components, sim.now), samplePeaks(components, sim.now));
    options.progress?.(sim.now, scenario.duration, client.totals().requests, recorder.series);
    row++;
    if (sim.now < scenario.duration) sim.scheduleAt(rowEndMs(), sample, null, SAMPLER_PRIORITY);
  };
  sim.scheduleAt(rowEndMs(), sample, null, SAMPLER_PRIORITY);
  // the summary's peaks are of the time after the warm-up: what the warm-up reached is let go
  if (scenario.warmup > 0) sim.scheduleAt(scenario.warmup, () => void samplePeaks(components, sim.now), null, SAMPLER_PRIORITY);

  sim.run({ untilMs: scenario.duration });
  sim.run({ untilMs: scenario.duration + D.DRAIN_LIMIT_MS });
  for (const component of components) if (listensForRunEnd(component)) component.runEnded(sim.now);

  const records = recorder.finish();
  checkConservation(client.totals(), records, sim.pending);
  const usage = Object.fromEntries(components.map((c) => [c.id, c.usage()]));
  const roles = Object.fromEntries(Object.entries(built.roles).map(([role, c]) => [role, c.usage()])) as RunUsageByRole;
  return {
    scenario,
    seed,
    records,
    summary: withCanary(withCollapse(summarizeRun(records, scenario.duration - scenario.warmup), records.series, scenario), roles.canary as CanaryUsage | undefined, scenario),
    usage,
    roles,
    costSpec: costSpecOf(scenario),
    eventsExecuted: sim.eventsExecuted,
  };
}

/** The summary with the collapse figures when the scenario has a trigger to judge the run after (metrics/collapse.ts). */
function withCollapse(summary: RunSummary, series: TimeSeries, scenario: Scenario): RunSummary {
  const triggers = triggersOf(scenario);
  if (triggers.length === 0) return summary;
  const rows = Array.from({ length: series.length }, (_, i) => series.row(i));
  const collapse = detectCollapse(rows, triggers, collapseSettingsOf(scenario));
  return collapse ? { ...summary, collapse } : summary;
}

/** The summary with a canary release's figures when the stage has one (metrics/canary.ts). */
function withCanary(summary: RunSummary, usage: CanaryUsage | undefined, scenario: Scenario): RunSummary {
  const spec = scenario.api.canary;
  if (!usage || !spec) return summary;
  const budget = { percentTraffic: spec.percentTraffic, slo: spec.errorBudget.slo, windowMs: spec.errorBudget.window };
  return { ...summary, canary: summarizeCanary(usage, budget, summary.measuredSeconds) };
}

/**
 * Every request and attempt ends exactly once: what arrived equals what the
 * records saw end plus what the client still waits for. And when no event is
 * left to run, nothing can still be waiting: such requests were lost.
 */
function checkConservation(totals: ClientTotals, records: RunRecords, pendingEvents: number): void {
  const problems: string[] = [];
  if (totals.requests !== records.allRequestsEnded + totals.requestsInFlight) {
    problems.push(`requests: ${totals.requests} arrived, ${records.allRequestsEnded} ended + ${totals.requestsInFlight} in flight`);
  }
  if (totals.attempts !== records.allAttemptsEnded + totals.attemptsInFlight) {
    problems.push(`attempts: ${totals.attempts} started, ${records.allAttemptsEnded} ended + ${totals.attemptsInFlight} in flight`);
  }
  if (pendingEvents === 0 && totals.requestsInFlight > 0) problems.push(`${totals.requestsInFlight} requests wait for a reply that nothing will send`);
  const counted = Object.values(records.requestsEnded).reduce((a, b) => a + b, 0);
  if (counted > records.requestsArrived) problems.push(`figures: ${counted} counted requests ended but only ${records.requestsArrived} arrived`);
  if (problems.length > 0) throw new ConservationError(`conservation law broken (a model bug): ${problems.join('; ')}`);
}
