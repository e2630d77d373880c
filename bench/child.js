/**
 * One measurement in a fresh process (so the heap, the JIT and the peak RSS
 * belong to that measurement alone): `node bench/child.js <task> <json>`
 * prints one JSON line.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runReferenceMmc } from './reference-kernel.js';
import { runProductMmc } from './product-kernel.js';
import { loadScenario } from '../dist/scenario/loader.js';
import { runScenario } from '../dist/scenario/run.js';

const [task, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}');

function timed(fn) {
  const start = performance.now();
  const result = fn();
  return { ...result, wallMs: performance.now() - start, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}

function scenarioRun({ file, seconds }) {
  const scenario = loadScenario(fileURLToPath(new URL(file, import.meta.url)));
  const sized = seconds === undefined ? scenario : { ...scenario, duration: seconds * 1000 };
  return timed(() => {
    const run = runScenario(sized);
    return { requests: run.records.allRequestsEnded, attempts: run.records.allAttemptsEnded, events: run.eventsExecuted };
  });
}

const tasks = {
  reference: () => timed(() => runReferenceMmc(args)),
  product: () => timed(() => runProductMmc(args)),
  scenario: () => scenarioRun(args),
};

if (!(task in tasks)) throw new Error(`unknown bench task ${task}`);
process.stdout.write(`${JSON.stringify(tasks[task]())}\n`);
