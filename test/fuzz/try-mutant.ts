/**
 * One fuzz case: the mutant through `validate` (every check a command makes
 * before it runs: ../../src/cli/commands/validate.ts), and, when accepted,
 * through what `run` does with it (and `lessons run` with each variant):
 * run, price, check thresholds, write every report. The run is the
 * scenario's own, compressed in time to a short one (every time of the run
 * scaled alike, so a failure window in the middle stays in the middle) and
 * held to small limits of events and memory.
 *
 * A user error (ScenarioError, CliError, a missing price) is a clean
 * refusal; anything else is a crash: what `apigw-sim` would print as
 * "internal error" with exit code 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../src/cli/cli-error.js';
import { checkScenarioFile } from '../../src/cli/commands/validate.js';
import { pricesForScenarios } from '../../src/cli/prices.js';
import { reportInputOf } from '../../src/cli/report-input-of.js';
import { RUN_FOLDER, runReporters, writeReports } from '../../src/cli/reporters.js';
import { refuseOversizedRun } from '../../src/cli/run-size.js';
import { checkThresholds, thresholdsOf } from '../../src/cli/thresholds.js';
import { MissingPriceError } from '../../src/cost/cost-line.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { figuresOf } from '../../src/experiment/replication.js';
import { disposeRecords } from '../../src/metrics/recorder.js';
import { runScenario } from '../../src/scenario/run.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { RunLimits } from '../../src/scenario/run-limits.js';

/** The short run: at most this much simulated time, this many (estimated) events and this much memory. */
export const FUZZ_RUN_MS = 3_000;
export const FUZZ_LIMITS: RunLimits = { events: 3e6, memoryBytes: 512 * 1024 ** 2 };
/** A run that takes longer than this on the wall clock has run away (its estimate was wrong). */
const FUZZ_WALL_MS = 30_000;

export type Outcome = { kind: 'refused'; by: 'validate' | 'run'; message: string } | { kind: 'ran' } | { kind: 'crash' | 'runaway'; message: string };

class RunAway extends Error {}

export function isUserError(error: unknown): boolean {
  return error instanceof ScenarioError || error instanceof CliError || error instanceof MissingPriceError;
}

/** Writes the mutant as `file` and tries it as a user would. */
export async function tryMutant(file: string, text: string): Promise<Outcome> {
  writeFileSync(file, text);
  let checked;
  try {
    checked = checkScenarioFile(file);
  } catch (error) {
    return isUserError(error) ? { kind: 'refused', by: 'validate', message: (error as Error).message } : crash(error);
  }
  const { loaded, variants } = checked;
  const runs: Array<{ file: string; raw: unknown; scenario: Scenario }> = [{ file, raw: loaded.raw, scenario: loaded.scenario }, ...variants];
  const out = mkdtempSync(join(tmpdir(), 'apigw-sim-fuzz-run-'));
  try {
    const pricesFor = pricesForScenarios(undefined);
    for (const [i, r] of runs.entries()) {
      const scenario = compressed(r.scenario, FUZZ_RUN_MS);
      refuseOversizedRun(scenario, loaded.problemAt, { limits: FUZZ_LIMITS });
      const startedMs = Date.now();
      const result = runScenario(scenario, {
        progress: () => {
          if (Date.now() - startedMs > FUZZ_WALL_MS) throw new RunAway(`still running after ${FUZZ_WALL_MS / 1000} s of wall clock`);
        },
      });
      try {
        const cost = costOfRun(result, pricesFor(r.scenario));
        checkThresholds(thresholdsOf(scenario.thresholds, []), figuresOf(result.summary, cost), undefined);
        await writeReports(reportInputOf(r.file, r.raw, scenario, result, cost), join(out, String(i)), runReporters(RUN_FOLDER));
      } finally {
        disposeRecords(result.records);
      }
    }
    return { kind: 'ran' };
  } catch (error) {
    if (error instanceof RunAway) return { kind: 'runaway', message: error.message };
    return isUserError(error) ? { kind: 'refused', by: 'run', message: (error as Error).message } : crash(error);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function crash(error: unknown): Outcome {
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'crash', message: `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` };
}

/**
 * The scenario squeezed into at most `maxMs` of simulated time: the
 * duration, the warm-up, the interval, the profile's phases, the spikes and
 * the failure windows all scaled by one factor (a run it accepted stays one
 * it accepts: the order of every time in the run is kept). What is not a
 * time of the run (time-outs, latencies, keep-alives) is left alone.
 */
export function compressed(s: Scenario, maxMs: number): Scenario {
  if (s.duration <= maxMs) return s;
  const k = maxMs / s.duration;
  const scale = (ms: number) => ms * k;
  return {
    ...s,
    duration: maxMs,
    warmup: scale(s.warmup),
    interval: Math.max(1, scale(s.interval)),
    load: {
      ...s.load,
      profile: s.load.profile?.map((p) => ({ ...p, for: scale(p.for) })),
      spikes: s.load.spikes.map((spike) => ({ ...spike, at: scale(spike.at), for: scale(spike.for) })),
    },
    failures: s.failures.map((f) => ({ ...f, at: scale(f.at), for: scale(f.for) })),
  };
}
