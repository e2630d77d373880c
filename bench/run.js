/**
 * `npm run bench`: speed and memory, measured in one run on this machine.
 * Every figure comes from a fresh child process (bench/child.js) so one
 * measurement's heap and JIT state cannot help or hurt the next; speed
 * figures are the median of three runs. Prints a table and writes
 * bench/results.json.
 *
 *   kernel     the product kernel (Simulator + RandomStreams + Distribution
 *              + RingQueue) against a hand-written typed-array heap
 *              (reference-kernel.js) on M/M/10, rho = 0.8, 1 M customers:
 *              target >= 0.5x the reference's events per second
 *   pipeline   the demo pipeline (REST + stage bucket + Lambda,
 *              pipeline.yaml): simulated requests per wall second (target
 *              >= 1 M/s) and peak RSS at 1 M and 10 M requests (target: the
 *              10 M run uses <= 1.2x the memory of the 1 M run)
 *   storm      the retry storm at 5,000 requests/s for 10 simulated minutes
 *              (retry-storm-5k.yaml): attempts per wall second (target
 *              >= 1 M/s) and peak RSS against a run half as long (memory flat)
 *   random     seedrandom's generators, draws per second
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import Table from 'cli-table3';
import { median } from 'simple-statistics';
import { measureGenerators } from './random.js';

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const quick = process.argv.includes('--quick'); // smaller sizes, for a smoke test of the script itself

function child(task, args) {
  const out = execFileSync(process.execPath, [CHILD, task, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

function medianOf(runs, key) {
  return median(runs.map((r) => r[key]));
}

const mmc = { customers: quick ? 100_000 : 1_000_000, servers: 10, lambdaPerMs: 0.8, muPerMs: 0.1, seed: 1 };
const referenceRuns = [];
const productRuns = [];
for (let i = 0; i < 3; i++) {
  // alternate, so a slow moment of the machine hits both
  referenceRuns.push(child('reference', mmc));
  productRuns.push(child('product', mmc));
}
const perSecond = (r) => ({ ...r, eventsPerS: r.events / (r.wallMs / 1000) });
const referenceEps = medianOf(referenceRuns.map(perSecond), 'eventsPerS');
const productEps = medianOf(productRuns.map(perSecond), 'eventsPerS');
if (Math.abs(referenceRuns[0].meanWaitMs - productRuns[0].meanWaitMs) > 1e-9 * referenceRuns[0].meanWaitMs) {
  throw new Error(`the two kernels disagree: mean wait ${referenceRuns[0].meanWaitMs} vs ${productRuns[0].meanWaitMs} ms (same draws, same model)`);
}

const PIPELINE_RATE = 20_000; // pipeline.yaml's rate
const pipelineSeconds = (requests) => requests / PIPELINE_RATE;
const small = quick ? 100_000 : 1_000_000;
const large = quick ? 1_000_000 : 10_000_000;
const pipelineSmall = [0, 1, 2].map(() => child('scenario', { file: './pipeline.yaml', seconds: pipelineSeconds(small) }));
const pipelineLarge = child('scenario', { file: './pipeline.yaml', seconds: pipelineSeconds(large) });
const requestsPerS = (r) => r.requests / (r.wallMs / 1000);
const pipelineRps = median(pipelineSmall.map(requestsPerS));
const rssSmall = median(pipelineSmall.map((r) => r.peakRssBytes));

const stormMinutes = quick ? 2 : 10;
const stormRuns = [0, 1, 2].map(() => child('scenario', { file: './retry-storm-5k.yaml', seconds: stormMinutes * 60 }));
// against half the run: the storm has reached its steady state well before 5 minutes
const stormShort = child('scenario', { file: './retry-storm-5k.yaml', seconds: stormMinutes * 30 });
const attemptsPerS = (r) => r.attempts / (r.wallMs / 1000);
const stormAps = median(stormRuns.map(attemptsPerS));
const stormRss = median(stormRuns.map((r) => r.peakRssBytes));

const generators = measureGenerators(quick ? 1e6 : 2e7);

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  kernel: { model: 'M/M/10, rho 0.8', customers: mmc.customers, referenceEventsPerS: referenceEps, productEventsPerS: productEps, ratio: productEps / referenceEps, target: 0.5 },
  pipeline: {
    requestsPerS: pipelineRps,
    target: 1_000_000,
    peakRssBytes: { [small]: rssSmall, [large]: pipelineLarge.peakRssBytes },
    rssRatio: pipelineLarge.peakRssBytes / rssSmall,
    rssTarget: 1.2,
    largeRunRequestsPerS: requestsPerS(pipelineLarge),
  },
  retryStorm: {
    minutes: stormMinutes,
    attempts: stormRuns[0].attempts,
    attemptsPerS: stormAps,
    target: 1_000_000,
    amplification: stormRuns[0].attempts / stormRuns[0].requests,
    peakRssBytes: stormRss,
    peakRssBytesHalfRun: stormShort.peakRssBytes,
    rssRatio: stormRss / stormShort.peakRssBytes,
  },
  randomDrawsPerS: generators,
};

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const millions = (n) => `${(n / 1e6).toFixed(2)} M/s`;
const mark = (ok) => (ok ? 'met' : 'NOT met');
const table = new Table({ head: ['measurement', 'figure', 'target', ''] });
table.push(
  ['kernel: product / reference events/s (M/M/10)', `${results.kernel.ratio.toFixed(2)}x (${millions(productEps)} vs ${millions(referenceEps)})`, '>= 0.5x', mark(results.kernel.ratio >= 0.5)],
  ['pipeline: simulated requests per wall second', millions(pipelineRps), '>= 1 M/s', mark(pipelineRps >= 1e6)],
  [`pipeline: peak RSS ${large / 1e6} M vs ${small / 1e6} M requests`, `${results.pipeline.rssRatio.toFixed(2)}x (${mib(pipelineLarge.peakRssBytes)} vs ${mib(rssSmall)})`, '<= 1.2x', mark(results.pipeline.rssRatio <= 1.2)],
  [`retry storm 5k/s x ${stormMinutes} min: attempts per wall second`, millions(stormAps), '>= 1 M/s', mark(stormAps >= 1e6)],
  [`retry storm: peak RSS ${stormMinutes} min vs ${stormMinutes / 2} min`, `${results.retryStorm.rssRatio.toFixed(2)}x (${mib(stormRss)} vs ${mib(stormShort.peakRssBytes)})`, 'flat', ''],
  ...Object.entries(generators).map(([name, rate]) => [`seedrandom ${name}: draws per second`, millions(rate), '', '']),
);
console.log(table.toString());
console.log(`${results.machine.cpus} x ${results.machine.cpu}, Node ${results.machine.node}`);
if (!quick) {
  writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results.json');
}
