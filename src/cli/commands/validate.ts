/**
 * `apigw-sim validate <scenario...>`: check files without running them, as every
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
import { gatewayRequestNotes } from '../../scenario/gateway-request-schema.js';
import { pricesForScenarios, resolveScenarioPrices } from '../prices.js';
import { refuseOversizedRun } from '../run-size.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { AlreadyReported, EXIT_INTERNAL, EXIT_OK } from '../cli-error.js';
import { reportError } from '../report-error.js';

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
    .description("check scenario files (each one's price table, the size of its run, a lesson's variants) and report every problem with its line")
    .argument('<scenarios...>', 'scenario files (.yaml or .json): each is checked, and each that fails says why')
    .option('--prices <file>', "check against this price table instead of the bundled one of the scenario's cost.region")
    .option('--force', 'accept a run above the event limit, as run --force does (never one above the memory limit)')
    .option(...JSON_FLAG)
    .action((files: string[], options: { prices?: string; force?: boolean; json?: boolean }) => {
      // each file's error printed as it comes (as the command's own would be), the rest still checked
      const passed: Validated[] = [];
      let exitCode = EXIT_OK;
      for (const file of files) {
        try {
          const one = validated(file, checkScenarioFile(file, options));
          if (!options.json) report([one], false);
          passed.push(one);
        } catch (error) {
          const code = reportError(error);
          exitCode = exitCode === EXIT_INTERNAL || code === EXIT_INTERNAL ? EXIT_INTERNAL : code;
        }
      }
      if (exitCode !== EXIT_OK) throw new AlreadyReported(exitCode);
      if (options.json) report(passed, true, files.length > 1);
    });
}

interface Validated {
  file: string;
  checked: CheckedScenario;
  notes: string[];
}

function validated(file: string, checked: CheckedScenario): Validated {
  return { file, checked, notes: [...runtimeNotes(checked.loaded.scenario, new Date()), ...gatewayRequestNotes(checked.loaded.scenario)] };
}

/** The `ok` line (and a note per Lambda runtime) of each file, or with --json its document: one object for one file, an array for several. */
function report(files: Validated[], json: boolean, several = false): void {
  if (json) {
    const documents = files.map(({ file, checked: { loaded, variants, estimate }, notes }) => ({ file, ok: true, scenario: loaded.scenario.name, estimate: { events: estimate.events, memoryBytes: estimate.memoryBytes }, variants: variants.map((v) => v.name), notes }));
    printJson(several ? documents : documents[0]);
    return;
  }
  for (const { file, checked: { loaded, variants, estimate }, notes } of files) {
    const lesson = loaded.scenario.lesson ? `; ${variants.length} lesson variant${variants.length === 1 ? '' : 's'} checked` : '';
    process.stdout.write(`${file}: ok (${loaded.scenario.name}; a run: about ${estimate.events.toExponential(1)} events, ${formatBytes(estimate.memoryBytes)}${lesson})\n`);
    // the measured INIT each function's runtime gives, and how old the measurements are today
    for (const note of notes) process.stdout.write(`  note: ${note}\n`);
  }
}
