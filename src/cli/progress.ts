/**
 * The progress bars, on stderr. A long run's: simulated time done, requests
 * simulated per second of wall time, and the time left; only on a terminal,
 * never with --quiet or --json. Many runs' (a sweep, `run --replications`):
 * one bar over every run, points × replications, counting runs as they
 * finish and the main thread's run as it goes; only on a terminal, never
 * with --quiet or --json nor under CI (the CI variable set).
 * APIGW_SIM_PROGRESS=1 forces it (on any stream, from the start: logs,
 * tests), APIGW_SIM_PROGRESS=0 turns it off. Both bars wait until the work
 * has taken a second, so short runs print nothing extra.
 */
import { SingleBar } from 'cli-progress';
import type { ProgressListener } from '../scenario/run.js';

const SHOW_AFTER_MS = 1_000;

export interface Progress {
  readonly listener: ProgressListener;
  /** Clears the bar (call before printing the summary). */
  stop(): void;
}

/** Whether a bar is wanted: 'forced' (APIGW_SIM_PROGRESS=1), 'tty' (a terminal, not CI), or null; never with --quiet or --json. */
export function progressMode(stream: NodeJS.WriteStream, options: { quiet?: boolean; json?: boolean }): 'forced' | 'tty' | null {
  const setting = process.env.APIGW_SIM_PROGRESS;
  if (options.quiet || options.json || setting === '0') return null;
  if (setting === '1') return 'forced';
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') return null;
  return stream.isTTY === true ? 'tty' : null;
}

export function createProgress(stream: NodeJS.WriteStream, options: { enabled: boolean; label: string; now?: () => number }): Progress | null {
  if (!options.enabled || stream.isTTY !== true) return null;
  const now = options.now ?? (() => performance.now());
  const startedMs = now();
  let bar: SingleBar | null = null;
  return {
    listener: (simulatedMs, durationMs, requests) => {
      const elapsedMs = now() - startedMs;
      if (bar === null) {
        if (elapsedMs < SHOW_AFTER_MS) return;
        bar = new SingleBar({
          stream,
          format: `${options.label} {bar} {percentage}% | {simulated} of {totalS} s simulated | {rate} requests/s | ETA {eta}s`,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 20,
        });
        bar.start(durationMs, 0, { simulated: 0, totalS: Math.round(durationMs / 1000), rate: 0 });
      }
      bar.update(Math.min(simulatedMs, durationMs), {
        simulated: Math.round(simulatedMs / 1000),
        totalS: Math.round(durationMs / 1000),
        rate: Math.round(requests / (elapsedMs / 1000)).toLocaleString('en-US'),
      });
    },
    stop: () => bar?.stop(),
  };
}

export interface RunsProgress {
  /** The progress of the run on the main thread (the first replication), as a share of one run. */
  readonly listener: ProgressListener;
  /** One more run finished. */
  runDone(): void;
  /** Clears the bar (call before printing the summary). */
  stop(): void;
}

/** One bar over `total` runs; null when no bar is wanted (progressMode). */
export function createRunsProgress(stream: NodeJS.WriteStream, options: { quiet?: boolean; json?: boolean; label: string; total: number; now?: () => number }): RunsProgress | null {
  const mode = progressMode(stream, options);
  if (mode === null) return null;
  const now = options.now ?? (() => performance.now());
  const startedMs = now();
  let bar: SingleBar | null = null;
  let done = 0;
  let partial = 0;
  const show = () => {
    if (bar === null) {
      if (mode === 'tty' && now() - startedMs < SHOW_AFTER_MS) return;
      bar = new SingleBar({
        stream,
        format: `${options.label} {bar} {percentage}% | {done} of {total} runs | ETA {eta}s`,
        hideCursor: mode === 'tty',
        clearOnComplete: mode === 'tty',
        noTTYOutput: mode === 'forced',
        etaBuffer: 20,
      });
      bar.start(options.total, 0, { done: 0 });
    }
    bar.update(Math.min(options.total, done + partial), { done });
  };
  return {
    listener: (simulatedMs, durationMs) => {
      partial = durationMs > 0 ? Math.min(1, simulatedMs / durationMs) : 0;
      show();
    },
    runDone: () => {
      done++;
      partial = 0;
      show();
    },
    stop: () => bar?.stop(),
  };
}
