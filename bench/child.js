/**
 * One measurement in a fresh process (so the heap, the JIT and the peak RSS
 * belong to that measurement alone): `node bench/child.js <task> <json>`
 * prints one JSON line.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runReferenceMmc } from './reference-kernel.js';
import { runProductMmc } from './product-kernel.js';
import { measureMemoryLatency } from './memory-latency.js';
import { loadScenario } from '../dist/scenario/loader.js';
import { runScenario } from '../dist/scenario/run.js';
import { prepareHistograms } from '../dist/metrics/latency-histogram.js';
import { raiseInliningBudget } from '../dist/cli/jit-budget.js';

raiseInliningBudget(); // as the executable does (src/cli/jit-budget.ts)

const [task, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}');

function timed(fn) {
  const start = performance.now();
  const result = fn();
  const wallMs = performance.now() - start;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  // what is still reachable once the garbage is gone (the child runs with --expose-gc)
  globalThis.gc?.();
  globalThis.gc?.();
  return { ...result, wallMs, peakRssBytes, liveHeapBytes: process.memoryUsage().heapUsed };
}

function scenarioRun({ file, seconds }) {
  // the histograms' WebAssembly module is compiled once a process (~50 ms): not part of a run's speed
  prepareHistograms();
  const scenario = loadScenario(fileURLToPath(new URL(file, import.meta.url)));
  const sized = seconds === undefined ? scenario : { ...scenario, duration: seconds * 1000 };
  let run;
  const measured = timed(() => {
    run = runScenario(sized);
    return { requests: run.records.allRequestsEnded, attempts: run.records.allAttemptsEnded, events: run.eventsExecuted };
  });
  return { ...measured, keep: run === undefined ? 0 : run.records.series.length }; // the result stays reachable through the measurement
}

const tasks = {
  reference: () => timed(() => runReferenceMmc(args)),
  product: () => timed(() => runProductMmc(args)),
  scenario: () => scenarioRun(args),
  memory: () => measureMemoryLatency(),
};

if (!(task in tasks)) throw new Error(`unknown bench task ${task}`);
process.stdout.write(`${JSON.stringify(tasks[task]())}\n`);
