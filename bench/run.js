/**
 * `npm run bench`: speed and memory, measured in one run on this machine.
 * Every figure comes from a fresh child process (bench/child.js) so one
 * measurement's heap and JIT state cannot help or hurt the next; speed
 * figures are the median of three runs. Prints a table and writes
 * bench/results.json.
 *
 *   kernel     the product kernel (Simulator + RandomStreams + Distribution
 *              + a ring of waiting customers) against a hand-written typed-array heap
 *              (reference-kernel.js) on M/M/10, rho = 0.8, 1 M customers:
 *              target >= 0.5x the reference's events per second
 *   pipeline   the demo pipeline (scenarios/rest-lambda-basic.yaml: REST +
 *              stage bucket + Lambda at 500/s), run long enough for 1 M and
 *              10 M requests: simulated requests per wall second (target
 *              >= 1 M/s) and peak RSS (target: the 10 M run uses <= 1.2x the
 *              memory of the 1 M run)
 *   busy       the same pipeline at 20,000/s with ~1,600 functions running
 *              (pipeline.yaml): how the speed falls as more events wait
 *   storm      the retry storm at 5,000 requests/s for 10 simulated minutes
 *              (retry-storm-5k.yaml): attempts per wall second (target
 *              >= 1 M/s) and peak RSS against a run half as long (memory flat)
 *   front door a REST API with a cached Lambda authorizer, a response cache
 *              and a Lambda integration at 10,000 requests/s for 10
 *              simulated minutes (front-door-10k.yaml): simulated requests
 *              per wall second (target >= 1 M/s) and peak RSS against a run
 *              half as long (memory flat)
 *   sweep      `apigw-sim sweep` of 8 points of the front door (150 s each)
 *              with --workers 1 and 2, whole command wall time: target
 *              >= 1.8x on 2 cores
 *   random     seedrandom's generators, draws per second
 *   host       how long a load from memory takes (bench/memory-latency.js),
 *              and how fast the reference kernel runs (the CPU's speed),
 *              before and after the storm runs: the storm's figure moves
 *              with both, so it is also given per reference event
 *
 * Then it compares every speed and memory figure with the previous
 * bench/results.json on main (git show main:bench/results.json), flags any
 * more than 10 % worse, and rewrites the README's performance table from
 * the new results (bench/readme-table.js). What a run showed about the host
 * or a change, with its date, is written up by hand in bench/NOTES.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import Table from 'cli-table3';
import { median } from 'simple-statistics';
import { measureGenerators } from './random.js';
import { updateReadme } from './readme-table.js';

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const quick = process.argv.includes('--quick'); // smaller sizes, for a smoke test of the script itself

function child(task, args, nodeFlags = []) {
  const out = execFileSync(process.execPath, ['--expose-gc', ...nodeFlags, CHILD, task, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 20 });
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

const DEMO = '../scenarios/rest-lambda-basic.yaml';
const DEMO_RATE = 500; // its load.rate
const small = quick ? 100_000 : 1_000_000;
const large = quick ? 1_000_000 : 10_000_000;
const pipelineSmall = [0, 1, 2].map(() => child('scenario', { file: DEMO, seconds: small / DEMO_RATE }));
const pipelineLargeRuns = [0, 1, 2].map(() => child('scenario', { file: DEMO, seconds: large / DEMO_RATE }));
const requestsPerS = (r) => r.requests / (r.wallMs / 1000);
// the speed figure is the long run's: the short one includes the JIT's warm-up
const pipelineRps = median(pipelineLargeRuns.map(requestsPerS));
const pipelineSmallRps = median(pipelineSmall.map(requestsPerS));
const pipelineLarge = pipelineLargeRuns[0];
const rssSmall = median(pipelineSmall.map((r) => r.peakRssBytes));
// V8 grows its young generation during the first seconds of a process, so a
// short run's peak RSS is lower for reasons that have nothing to do with
// requests; with the young generation fixed at its largest size (16 MB
// semi-spaces) from the start, what is left is what the simulation holds.
const FIXED_YOUNG = ['--min-semi-space-size=16', '--max-semi-space-size=16'];
const fixedSmall = child('scenario', { file: DEMO, seconds: small / DEMO_RATE }, FIXED_YOUNG);
const fixedLarge = child('scenario', { file: DEMO, seconds: large / DEMO_RATE }, FIXED_YOUNG);
const BUSY_RATE = 20_000; // pipeline.yaml's rate
const busyRuns = [0, 1, 2].map(() => child('scenario', { file: './pipeline.yaml', seconds: small / BUSY_RATE }));
const busyRps = median(busyRuns.map(requestsPerS));

const stormMinutes = quick ? 2 : 10;
// the storm moves with the host's memory and its CPU: a gauge of each on either side of its runs
const memoryBefore = child('memory', {});
// the CPU gauge is the full-size reference run even with --quick (100 k customers is mostly JIT warm-up)
const gauge = { ...mmc, customers: 1_000_000 };
const referenceBefore = perSecond(child('reference', gauge)).eventsPerS;
const stormRuns = [0, 1, 2].map(() => child('scenario', { file: './retry-storm-5k.yaml', seconds: stormMinutes * 60 }));
// against half the run: the storm has reached its steady state well before 5 minutes
const stormShort = child('scenario', { file: './retry-storm-5k.yaml', seconds: stormMinutes * 30 });
const memoryAfter = child('memory', {});
const referenceAfter = perSecond(child('reference', gauge)).eventsPerS;
const attemptsPerS = (r) => r.attempts / (r.wallMs / 1000);
const stormAps = median(stormRuns.map(attemptsPerS));
const stormRss = median(stormRuns.map((r) => r.peakRssBytes));

const doorMinutes = quick ? 2 : 10;
const doorRuns = [0, 1, 2].map(() => child('scenario', { file: './front-door-10k.yaml', seconds: doorMinutes * 60 }));
const doorShort = child('scenario', { file: './front-door-10k.yaml', seconds: doorMinutes * 30 });
const doorRps = median(doorRuns.map(requestsPerS));
const doorRss = median(doorRuns.map((r) => r.peakRssBytes));

const generators = measureGenerators(quick ? 1e6 : 2e7);

// a sweep through the CLI, as a user runs it, on one worker thread and on two
const CLI = fileURLToPath(new URL('../bin/apigw-sim.js', import.meta.url));
// points of ~2 s each: shorter ones are dominated by per-point costs (a worker's first run warms its JIT)
const SWEEP_SECONDS = quick ? 10 : 150;
const SWEEP_ARGS = ['sweep', fileURLToPath(new URL('./front-door-10k.yaml', import.meta.url)), '--set', `duration=${SWEEP_SECONDS}s`, '--set', 'load.rate=8000/s,9000/s,10000/s,11000/s', '--set', 'integration.memory=512MB,1GB', '--quiet'];
const sweepScratch = mkdtempSync(join(tmpdir(), 'apigw-sim-bench-'));
function sweepWallMs(workers) {
  const start = performance.now();
  execFileSync(process.execPath, [CLI, ...SWEEP_ARGS, '--workers', String(workers), '--out', join(sweepScratch, `w${workers}`)], { stdio: 'ignore' });
  return performance.now() - start;
}
const sweepRuns = { 1: [], 2: [] };
for (let i = 0; i < 3; i++) for (const w of [1, 2]) sweepRuns[w].push(sweepWallMs(w));
rmSync(sweepScratch, { recursive: true, force: true });
const sweepWall = { 1: median(sweepRuns[1]), 2: median(sweepRuns[2]) };

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  host: {
    memoryLatencyNs: { beforeStorm: memoryBefore, afterStorm: memoryAfter },
    // the CPU's speed: the kernel row's reference heap, run again on either side of the storm runs
    referenceEventsPerS: { beforeStorm: referenceBefore, afterStorm: referenceAfter },
  },
  kernel: { model: 'M/M/10, rho 0.8', customers: mmc.customers, referenceEventsPerS: referenceEps, productEventsPerS: productEps, ratio: productEps / referenceEps, target: 0.5 },
  pipeline: {
    requests: large,
    requestsPerS: pipelineRps,
    target: 1_000_000,
    shortRunRequests: small,
    shortRunRequestsPerS: pipelineSmallRps,
    peakRssBytes: { [small]: rssSmall, [large]: pipelineLarge.peakRssBytes },
    rssRatio: pipelineLarge.peakRssBytes / rssSmall,
    peakRssBytesFixedYoungGeneration: { [small]: fixedSmall.peakRssBytes, [large]: fixedLarge.peakRssBytes },
    rssRatioFixedYoungGeneration: fixedLarge.peakRssBytes / fixedSmall.peakRssBytes,
    rssTarget: 1.2,
    liveHeapBytes: { [small]: pipelineSmall[0].liveHeapBytes, [large]: pipelineLarge.liveHeapBytes },
    liveHeapRatio: pipelineLarge.liveHeapBytes / pipelineSmall[0].liveHeapBytes,
  },
  busyPipeline: { ratePerS: BUSY_RATE, requestsPerS: busyRps, eventsPerRequest: busyRuns[0].events / busyRuns[0].requests },
  retryStorm: {
    minutes: stormMinutes,
    attempts: stormRuns[0].attempts,
    attemptsPerS: stormAps,
    target: 1_000_000,
    amplification: stormRuns[0].attempts / stormRuns[0].requests,
    // host-independent(ish): storm attempts per thousand reference-kernel events, the reference measured around the storm
    attemptsPerThousandReferenceEvents: (1e3 * stormAps) / median([referenceBefore, referenceAfter]),
    peakRssBytes: stormRss,
    peakRssBytesHalfRun: stormShort.peakRssBytes,
    rssRatio: stormRss / stormShort.peakRssBytes,
  },
  frontDoor: {
    minutes: doorMinutes,
    requests: doorRuns[0].requests,
    requestsPerS: doorRps,
    target: 1_000_000,
    eventsPerRequest: doorRuns[0].events / doorRuns[0].requests,
    peakRssBytes: doorRss,
    peakRssBytesHalfRun: doorShort.peakRssBytes,
    rssRatio: doorRss / doorShort.peakRssBytes,
  },
  sweep: {
    points: 8,
    description: `front-door-10k.yaml for ${SWEEP_SECONDS} s at 4 rates × 2 memory sizes`,
    wallMs: sweepWall,
    speedup: sweepWall[1] / sweepWall[2],
    target: 1.8,
  },
  randomDrawsPerS: generators,
};

/** Figures compared with the previous results: [name, path, whether higher is better]. */
const WATCHED = [
  ['kernel ratio', (r) => r.kernel?.ratio, true],
  ['demo pipeline requests/s', (r) => r.pipeline?.requestsPerS, true],
  ['busy pipeline requests/s', (r) => r.busyPipeline?.requestsPerS, true],
  ['retry storm attempts/s', (r) => r.retryStorm?.attemptsPerS, true],
  ['retry storm attempts per thousand reference events', (r) => r.retryStorm?.attemptsPerThousandReferenceEvents, true],
  ['front door requests/s', (r) => r.frontDoor?.requestsPerS, true],
  ['sweep speed-up on 2 workers', (r) => r.sweep?.speedup, true],
  ['demo pipeline RSS ratio', (r) => r.pipeline?.rssRatioFixedYoungGeneration, false],
  ['retry storm peak RSS', (r) => r.retryStorm?.peakRssBytes, false],
  ['front door peak RSS', (r) => r.frontDoor?.peakRssBytes, false],
];

function previousResults() {
  try {
    return JSON.parse(execFileSync('git', ['show', 'main:bench/results.json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    try {
      return JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
    } catch {
      return undefined;
    }
  }
}

// a --quick run's small sizes are not comparable with a full run's figures
const previous = quick ? undefined : previousResults();
results.regressions = [];
if (previous) {
  for (const [figure, pick, higherIsBetter] of WATCHED) {
    const before = pick(previous);
    const now = pick(results);
    if (!(before > 0) || !(now > 0)) continue;
    const worse = higherIsBetter ? before / now - 1 : now / before - 1;
    if (worse > 0.1) results.regressions.push({ figure, before, now, change: `${(100 * worse).toFixed(0)} % worse` });
  }
}


const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const millions = (n) => `${(n / 1e6).toFixed(2)} M/s`;
const mark = (ok) => (ok ? 'met' : 'NOT met');
const table = new Table({ head: ['measurement', 'figure', 'target', ''] });
table.push(
  ['kernel: product / reference events/s (M/M/10)', `${results.kernel.ratio.toFixed(2)}x (${millions(productEps)} vs ${millions(referenceEps)})`, '>= 0.5x', mark(results.kernel.ratio >= 0.5)],
  [`demo pipeline, ${large / 1e6} M requests: simulated requests per wall second`, millions(pipelineRps), '>= 1 M/s', mark(pipelineRps >= 1e6)],
  [`  same, ${small / 1e6} M requests (JIT warm-up included)`, millions(pipelineSmallRps), '', ''],
  [`demo pipeline: peak RSS ${large / 1e6} M vs ${small / 1e6} M requests`, `${results.pipeline.rssRatioFixedYoungGeneration.toFixed(2)}x (${mib(fixedLarge.peakRssBytes)} vs ${mib(fixedSmall.peakRssBytes)})`, '<= 1.2x', mark(results.pipeline.rssRatioFixedYoungGeneration <= 1.2)],
  ['  same, default V8 flags (young generation still growing in the short run)', `${results.pipeline.rssRatio.toFixed(2)}x (${mib(pipelineLarge.peakRssBytes)} vs ${mib(rssSmall)})`, '', ''],
  ['  same, live heap after the run', `${results.pipeline.liveHeapRatio.toFixed(2)}x (${mib(pipelineLarge.liveHeapBytes)} vs ${mib(pipelineSmall[0].liveHeapBytes)})`, '', ''],
  ['busy pipeline (20k/s, ~1,600 running): requests per wall second', millions(busyRps), '', ''],
  [`retry storm 5k/s x ${stormMinutes} min: attempts per wall second`, millions(stormAps), '>= 1 M/s', mark(stormAps >= 1e6)],
  ['  host: one load from memory (64 MB region), before / after the storm runs', `${memoryBefore.memoryNs.toFixed(0)} / ${memoryAfter.memoryNs.toFixed(0)} ns (L2 ${memoryBefore.l2Ns.toFixed(0)} / ${memoryAfter.l2Ns.toFixed(0)} ns)`, '', ''],
  ['  host: reference kernel events/s, before / after the storm runs', `${millions(referenceBefore)} / ${millions(referenceAfter)}`, '', ''],
  ['  storm attempts per thousand reference-kernel events (the host\'s CPU speed divided out)', `${results.retryStorm.attemptsPerThousandReferenceEvents.toFixed(1)}`, '', ''],
  [`retry storm: peak RSS ${stormMinutes} min vs ${stormMinutes / 2} min`, `${results.retryStorm.rssRatio.toFixed(2)}x (${mib(stormRss)} vs ${mib(stormShort.peakRssBytes)})`, 'flat', ''],
  [`front door (REST + cached authorizer + cache + Lambda) 10k/s x ${doorMinutes} min: requests per wall second`, millions(doorRps), '>= 1 M/s', mark(doorRps >= 1e6)],
  [`front door: peak RSS ${doorMinutes} min vs ${doorMinutes / 2} min`, `${results.frontDoor.rssRatio.toFixed(2)}x (${mib(doorRss)} vs ${mib(doorShort.peakRssBytes)})`, 'flat', ''],
  [`sweep of 8 points: 2 worker threads against 1 (whole command)`, `${results.sweep.speedup.toFixed(2)}x (${(sweepWall[2] / 1000).toFixed(1)} s vs ${(sweepWall[1] / 1000).toFixed(1)} s)`, '>= 1.8x', mark(results.sweep.speedup >= 1.8)],
  ...Object.entries(generators).map(([name, rate]) => [`seedrandom ${name}: draws per second`, millions(rate), '', '']),
);
console.log(table.toString());
console.log(`${results.machine.cpus} x ${results.machine.cpu}, Node ${results.machine.node}`);
if (previous) {
  if (results.regressions.length === 0) console.log(`against the previous results (${previous.measuredAt}): nothing more than 10 % worse`);
  for (const g of results.regressions) console.log(`REGRESSION: ${g.figure} ${g.change} than the previous results (${g.before.toPrecision(4)} -> ${g.now.toPrecision(4)})`);
}
if (!quick) {
  writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
  updateReadme(fileURLToPath(new URL('../README.md', import.meta.url)), results);
  console.log('wrote bench/results.json and the README\'s performance table');
}
