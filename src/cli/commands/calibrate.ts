/**
 * `apigw-sim calibrate <scenario> --metrics <export> [--out folder]`: fits a
 * scenario to what CloudWatch measured (the load per period, the
 * integration's latency by quantiles, its error share), writes the
 * calibrated scenario, runs it, and reports simulated against observed
 * (docs/commands.md: calibrate).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { compareRun } from '../../calibrate/comparison.js';
import { toCsv, toHtml, toJson, toOverlayCsv, overlayCharts, toTerminalText } from '../../calibrate/calibration-report.js';
import { writeCalibratedScenario } from '../../calibrate/calibrated-scenario.js';
import { CalibrationError, fitCalibration } from '../../calibrate/fit.js';
import { MetricMapError, parseMetricMap } from '../../calibrate/metric-map.js';
import { readMetricExport } from '../../calibrate/read-export.js';
import { runReplicated } from '../../experiment/replicated-run.js';
import { writeCharts } from '../../report/chart-reporter.js';
import { claimOutputFolder, writeFileAtomic, writeFolderAtomic } from '../../report/atomic-write.js';
import { loadScenarioFile } from '../../scenario/loader.js';
import { ScenarioError } from '../../scenario/scenario-error.js';
import { CliError } from '../cli-error.js';
import { parseSeed } from '../options.js';
import { resolveScenarioPrices } from '../prices.js';
import { createProgress } from '../progress.js';
import { reportInputOf } from '../report-input-of.js';
import { inside, RUN_FOLDER, runReporters, writeReports } from '../reporters.js';
import { refuseOversizedRun } from '../run-size.js';
import { noteMissingCanvas } from '../terminal.js';
import { TOOL } from '../version.js';

interface CalibrateOptions {
  metrics: string;
  out?: string;
  map: string[];
  seed?: string;
  prices?: string;
  json?: boolean;
  quiet?: boolean;
  force?: boolean;
}

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description('fit a scenario to a CloudWatch metric export (load per period, integration latency by quantiles, error share), run it, and report simulated against observed')
    .argument('<scenario>', 'the scenario to calibrate (.yaml or .json)')
    .requiredOption('--metrics <export>', 'CloudWatch metrics: a GetMetricData response (.json) or a CSV (console download)')
    .option('--out <dir>', 'folder for calibrated.yaml, calibration.csv, overlay.csv, calibration.html, charts/ and the run/ report (default: reports/<scenario name>-calibrated)')
    .option('--map <label=Metric:stat>', 'what a series is when its label does not say, e.g. m1=Latency:p99 (repeat)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--seed <n>', "random seed of the run (overrides the scenario's)")
    .option('--prices <file>', "price table instead of the bundled one of the scenario's cost.region")
    .option('--json', 'print the fitted values and the error table as JSON on stdout')
    .option('--quiet', 'print nothing but errors')
    .option('--force', 'run even above the event limit (docs/commands.md: Limits)')
    .addHelpText('after', '\nExamples:\n  apigw-sim calibrate my-api.yaml --metrics metrics.json\n  apigw-sim calibrate my-api.yaml --metrics graph.csv --map "API p99=Latency:p99" --out reports/fit')
    .action(async (file: string, options: CalibrateOptions) => {
      const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
      let map;
      try {
        map = parseMetricMap(options.map);
      } catch (error) {
        if (error instanceof MetricMapError) throw new CliError(error.message, error.hint);
        throw error;
      }
      const source = loadScenarioFile(file);
      const exp = readMetricExport(options.metrics, map);
      const outDir = options.out ?? join('reports', `${source.scenario.name}-calibrated`);
      const calibratedFile = join(outDir, 'calibrated.yaml');
      let fit;
      try {
        fit = fitCalibration(exp, source.scenario);
      } catch (error) {
        if (error instanceof CalibrationError) throw new ScenarioError(options.metrics, [{ path: error.where?.path ?? '', line: error.where?.line, message: error.message, hint: error.hint }]);
        throw error;
      }
      const { text, loaded } = writeCalibratedScenario(source, file, exp, fit, calibratedFile);
      const scenario = loaded.scenario;
      const prices = resolveScenarioPrices(scenario, options.prices, loaded.problemAt);
      refuseOversizedRun(scenario, loaded.problemAt, { force: options.force, runsAtOnce: 1 });
      await claimOutputFolder(outDir);
      const progress = createProgress(process.stderr, { enabled: !options.quiet && !options.json, label: scenario.name });
      let run;
      try {
        run = await runReplicated(scenario, prices, { seed, replications: 1, workers: 0, progress: progress?.listener });
      } finally {
        progress?.stop();
      }
      const comparison = compareRun(exp, run.first.records.series, run.first.summary);
      const input = reportInputOf(calibratedFile, loaded.raw, scenario, run.first, run.firstCost);
      const info = { scenario: file, export: options.metrics, calibrated: 'calibrated.yaml', tool: `${TOOL.name} ${TOOL.version}` };
      const written = await writeFolderAtomic(outDir, async (dir) => {
        await writeFileAtomic(join(dir, 'calibrated.yaml'), text);
        await writeFileAtomic(join(dir, 'calibration.csv'), toCsv(comparison));
        await writeFileAtomic(join(dir, 'overlay.csv'), toOverlayCsv(comparison));
        await writeFileAtomic(join(dir, 'calibration.html'), toHtml(comparison, fit, info));
        const charts = await writeCharts(overlayCharts(comparison), dir);
        const runFiles = await writeReports(input, join(dir, 'run'), runReporters(RUN_FOLDER));
        return inside(dir, [join(dir, 'calibrated.yaml'), join(dir, 'calibration.csv'), join(dir, 'overlay.csv'), join(dir, 'calibration.html'), ...charts, ...runFiles]);
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(toJson(comparison, fit, { scenario: calibratedFile, outDir }), null, 2)}\n`);
        return;
      }
      if (options.quiet) return;
      process.stdout.write(toTerminalText(comparison, fit));
      process.stdout.write(`\nwrote ${outDir}/ (${written.filter((f) => !f.startsWith('run/') || f.split('/').length === 2).join(', ')})\n`);
      await noteMissingCanvas();
    });
}
