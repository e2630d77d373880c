/**
 * A run's size against its limits: past MAX_RUN_EVENTS it is refused unless
 * forced (`--force`), past MAX_RUN_MEMORY_BYTES always, since it would end in
 * an out-of-memory abort (docs/commands.md: Limits). The size is
 * ./run-estimate.ts's.
 */
import type { RunEstimate } from './run-estimate.js';

/** Events one run may execute: about an hour of simulation at the speeds `npm run bench` measures (5 to 10 million events a second). `--force` lifts it. */
export const MAX_RUN_EVENTS = 2e10;
/** Memory one run may hold: 2 GB, within the heap Node gives a process by default on a 64-bit machine with 4 GB or more. Never lifted. */
export const MAX_RUN_MEMORY_BYTES = 2 * 1024 ** 3;

export interface RunLimits {
  events: number;
  memoryBytes: number;
}

/** The limits a run is held to (a test may hold its runs to smaller ones). */
export const RUN_LIMITS: RunLimits = { events: MAX_RUN_EVENTS, memoryBytes: MAX_RUN_MEMORY_BYTES };

export interface RunSizeProblem {
  path: PropertyKey[];
  message: string;
  hint: string;
}

/** Bytes for a message: `1.2 GB`, `350 MB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

/**
 * The run's size against the limits: none, or the problem at the field that
 * weighs most. `runsAtOnce` runs hold memory together (replications on worker
 * threads); `force` lifts the event limit, never the memory one.
 */
export function checkRunSize(estimate: RunEstimate, options: { force?: boolean; runsAtOnce?: number; limits?: RunLimits } = {}): RunSizeProblem | null {
  const { events: maxEvents, memoryBytes: maxMemory } = options.limits ?? RUN_LIMITS;
  const runs = Math.max(1, options.runsAtOnce ?? 1);
  const memory = estimate.memoryBytes * runs;
  if (!(memory <= maxMemory)) {
    const top = estimate.memoryParts[0];
    const together = runs > 1 ? ` (${runs} runs at once, ${formatBytes(estimate.memoryBytes)} each)` : '';
    return {
      path: top.path,
      message: `the run would hold about ${Number.isFinite(memory) ? formatBytes(memory) : 'unbounded memory'} in memory${together}, more than ${formatBytes(maxMemory)}; most of it for ${top.what}`,
      hint: `make it smaller here${runs > 1 ? ', or run fewer at once (--workers)' : ''}; --force does not lift this limit (docs/commands.md: Limits)`,
    };
  }
  if (!(estimate.events <= maxEvents) && !options.force) {
    const top = estimate.eventParts[0];
    const endless = !Number.isFinite(estimate.events);
    return {
      path: top.path,
      message: endless
        ? 'virtual users that neither think nor wait would send requests without end'
        : `the run would execute about ${estimate.events.toExponential(1)} events, more than one run takes (${maxEvents.toExponential(0)}${maxEvents === MAX_RUN_EVENTS ? ', about an hour' : ''}); most of them for ${top.what}`,
      hint: endless
        ? 'give thinkTime (or the latencies) a mean above 0'
        : 'shorten duration or lower the rate (cost.monthlyRequests scales the bill to any volume), price the month in closed form with apigw-sim price, or pass --force to run it anyway',
    };
  }
  return null;
}
