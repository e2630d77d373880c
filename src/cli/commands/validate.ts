/**
 * `apigw-sim validate <scenario>`: check a file without running it, as every
 * command that runs it would: the scenario, the price table it would use,
 * the run's size (events and memory), and a lesson's variants, each as its
 * own run. What it accepts, `run` (and `lessons run`) can run.
 */
import type { Command } from 'commander';
import { lessonVariants, type LessonVariant } from '../../experiment/lesson.js';
import { loadScenarioFile, type LoadedScenario } from '../../scenario/loader.js';
import { estimateRun, type RunEstimate } from '../../scenario/run-estimate.js';
import { formatBytes } from '../../scenario/run-limits.js';
import { runtimeNotes } from '../../scenario/lambda-runtime.js';
import { pricesForScenarios, resolveScenarioPrices } from '../prices.js';
import { refuseOversizedRun } from '../run-size.js';
import { JSON_FLAG, printJson } from '../json-output.js';

export interface CheckedScenario {
  loaded: LoadedScenario;
  /** A lesson's variants beside the base (none for a scenario without a lesson). */
  variants: LessonVariant[];
  estimate: RunEstimate;
}

/** Every check a command that runs the file makes before it runs; throws the first user error (a ScenarioError or CliError). */
export function checkScenarioFile(file: string, options: { prices?: string; force?: boolean } = {}): CheckedScenario {
  const loaded = loadScenarioFile(file);
  const { scenario, problemAt } = loaded;
  resolveScenarioPrices(scenario, options.prices, problemAt);
  refuseOversizedRun(scenario, problemAt, { force: options.force });
  let variants: LessonVariant[] = [];
  if (scenario.lesson) {
    const pricesFor = pricesForScenarios(options.prices);
    variants = lessonVariants(file, loaded.text, loaded).slice(1); // the base is the scenario itself, checked above
    variants.forEach((v, i) => {
      pricesFor(v.scenario);
      refuseOversizedRun(v.scenario, problemAt, { force: options.force, label: `variant "${v.name}"`, at: ['lesson', 'variants', i] });
    });
  }
  return { loaded, variants, estimate: estimateRun(scenario) };
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description("check a scenario file (its price table, the size of its run, a lesson's variants) and report every problem with its line")
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--prices <file>', "check against this price table instead of the bundled one of the scenario's cost.region")
    .option('--force', 'accept a run above the event limit, as run --force does (never one above the memory limit)')
    .option(...JSON_FLAG)
    .action((file: string, options: { prices?: string; force?: boolean; json?: boolean }) => {
      const { loaded, variants, estimate } = checkScenarioFile(file, options);
      if (options.json) {
        const { events, memoryBytes } = estimate;
        const notes = runtimeNotes(loaded.scenario, new Date());
        printJson({ file, ok: true, scenario: loaded.scenario.name, estimate: { events, memoryBytes }, variants: variants.map((v) => v.name), notes });
        return;
      }
      const lesson = loaded.scenario.lesson ? `; ${variants.length} lesson variant${variants.length === 1 ? '' : 's'} checked` : '';
      process.stdout.write(`${file}: ok (${loaded.scenario.name}; a run: about ${estimate.events.toExponential(1)} events, ${formatBytes(estimate.memoryBytes)}${lesson})\n`);
      // the measured INIT each function's runtime gives, and how old the measurements are today
      for (const note of runtimeNotes(loaded.scenario, new Date())) process.stdout.write(`  note: ${note}\n`);
    });
}
