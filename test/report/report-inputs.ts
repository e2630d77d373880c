/**
 * Reporter inputs made in the test's own process, as the commands make them
 * (run.ts, sweep.ts): the same scenario, seed and flags give the same input,
 * so what a reporter writes from it is what the CLI printed or wrote.
 */
import { readFileSync } from 'node:fs';
import { runReplicated } from '../../src/experiment/replicated-run.js';
import { planSweep, runSweep } from '../../src/experiment/sweep.js';
import { parseParameter, sweepReportInputOf } from '../../src/cli/commands/sweep.js';
import { pricesForScenarios, resolveScenarioPrices } from '../../src/cli/prices.js';
import { reportInputOf } from '../../src/cli/report-input-of.js';
import { checkThresholds, thresholdsOf } from '../../src/cli/thresholds.js';
import type { ReportInput } from '../../src/report/report-input.js';
import type { SweepReportInput } from '../../src/report/sweep-report.js';
import type { TextOutput } from '../../src/report/reporter-registry.js';
import { loadScenarioFile } from '../../src/scenario/loader.js';

/** A text output that keeps what is written, for a test to read. */
export function stringSink(color = false): TextOutput & { text: string } {
  return {
    text: '',
    color,
    write(text: string) {
      this.text += text;
    },
  };
}

/** What `apigw-sim run <file> [--replications N] [--threshold ...]` hands its reporters. */
export async function runInput(file: string, options: { replications?: number; thresholds?: string[] } = {}): Promise<ReportInput> {
  const { scenario, raw, problemAt } = loadScenarioFile(file);
  const prices = resolveScenarioPrices(scenario, undefined, problemAt);
  const run = await runReplicated(scenario, prices, { replications: options.replications ?? 1, workers: 0 });
  const input = reportInputOf(file, raw, scenario, run.first, run.firstCost);
  if (run.replicated) input.replicated = run.replicated;
  const checked = checkThresholds(thresholdsOf(scenario.thresholds, options.thresholds ?? []), run.figures, input.replicated?.summary);
  if (checked.length > 0) input.thresholds = checked;
  return input;
}

/** What `apigw-sim sweep <file> --set ... --workers 0` hands its reporters. */
export async function sweepInput(file: string, sets: string[]): Promise<SweepReportInput> {
  const { scenario } = loadScenarioFile(file);
  const plan = planSweep(readFileSync(file, 'utf8'), file, sets.map(parseParameter));
  const swept = await runSweep(plan, pricesForScenarios(undefined), { replications: 1, workers: 0 });
  return sweepReportInputOf(plan, swept, { name: scenario.name, file, replications: 1 });
}
