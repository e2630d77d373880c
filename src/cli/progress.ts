/**
 * The progress bar of a long run, on stderr: simulated time done, requests
 * simulated per second of wall time, and the time left. Only on a terminal,
 * never with --quiet or --json, and only once a run has taken a second, so
 * short runs print nothing extra.
 */
import { SingleBar } from 'cli-progress';
import type { ProgressListener } from '../scenario/run.js';

const SHOW_AFTER_MS = 1_000;

export interface Progress {
  readonly listener: ProgressListener;
  /** Clears the bar (call before printing the summary). */
  stop(): void;
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
