/**
 * The README's performance table, made from bench/results.json so the two
 * cannot disagree: `npm run bench` rewrites the part of README.md between
 * the `bench-table` markers after each full run (or run this file alone).
 * Only the table lives there; the dated lab notes are in bench/NOTES.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const START = '<!-- bench-table:start (written by bench/readme-table.js from bench/results.json) -->';
const END = '<!-- bench-table:end -->';

const m = (n) => `${(n / 1e6).toFixed(2)} M`;
const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;
const x = (ratio) => `${ratio.toFixed(2)}×`;
const verdict = (ok, missed = '**not yet met**') => (ok ? 'met' : missed);

export function performanceTable(r) {
  const p = r.pipeline;
  const small = Object.keys(p.peakRssBytesFixedYoungGeneration)[0];
  const large = Object.keys(p.peakRssBytesFixedYoungGeneration)[1];
  const rows = [
    ['measurement', 'figure', 'target'],
    ['---', '---', '---'],
    [
      `kernel: the product's \`Simulator\` + \`RandomStreams\` + \`Distribution\` on ${r.kernel.model.replace('rho', 'ρ =')} (${r.kernel.customers / 1e6} M customers) against a minimal typed-array heap (\`bench/reference-kernel.js\`)`,
      `**${x(r.kernel.ratio)}** the reference's events per second (${m(r.kernel.productEventsPerS)}/s vs ${m(r.kernel.referenceEventsPerS)}/s)`,
      `≥ 0.5×, ${verdict(r.kernel.ratio >= 0.5)}`,
    ],
    [
      `the demo pipeline (\`scenarios/rest-lambda-basic.yaml\`: REST + stage bucket + Lambda), run for ${p.requests / 1e6} M requests`,
      `**${m(p.requestsPerS)}** simulated requests per wall second (${m(p.shortRunRequestsPerS)}/s for a ${p.shortRunRequests / 1e6} M-request run, JIT warm-up included)`,
      `≥ 1 M/s, ${verdict(p.requestsPerS >= 1e6)}`,
    ],
    [
      `the demo pipeline's peak RSS at ${large / 1e6} M vs ${small / 1e6} M requests (fixed young generation)`,
      `**${x(p.rssRatioFixedYoungGeneration)}** (${mib(p.peakRssBytesFixedYoungGeneration[large])} vs ${mib(p.peakRssBytesFixedYoungGeneration[small])}); live heap after the run ${x(p.liveHeapRatio)}`,
      `≤ 1.2×, ${verdict(p.rssRatioFixedYoungGeneration <= 1.2)}`,
    ],
    [`the same pipeline at ${r.busyPipeline.ratePerS.toLocaleString('en-US')} requests/s with ~1,600 functions running (\`bench/pipeline.yaml\`)`, `${m(r.busyPipeline.requestsPerS)} requests per wall second`, ''],
    [
      `the retry storm at 5,000 requests/s for ${r.retryStorm.minutes} minutes (\`bench/retry-storm-5k.yaml\`, ~${r.retryStorm.amplification.toFixed(1)} attempts per request)`,
      `**${m(r.retryStorm.attemptsPerS)}** attempts per wall second`,
      `≥ 1 M/s, ${verdict(r.retryStorm.attemptsPerS >= 1e6)}`,
    ],
    [`the retry storm's peak RSS, ${r.retryStorm.minutes} minutes vs ${r.retryStorm.minutes / 2}`, `${x(r.retryStorm.rssRatio)} (${mib(r.retryStorm.peakRssBytes)} vs ${mib(r.retryStorm.peakRssBytesHalfRun)})`, 'flat'],
    [
      `a REST API with a cached Lambda authorizer, a response cache and a Lambda integration at 10,000 requests/s for ${r.frontDoor.minutes} minutes (\`bench/front-door-10k.yaml\`, ${(r.frontDoor.requests / 1e6).toFixed(0)} M requests, ~${r.frontDoor.eventsPerRequest.toFixed(1)} events per request)`,
      `**${m(r.frontDoor.requestsPerS)}** requests per wall second`,
      `≥ 1 M/s, ${verdict(r.frontDoor.requestsPerS >= 1e6)}`,
    ],
    [`the same, peak RSS ${r.frontDoor.minutes} minutes vs ${r.frontDoor.minutes / 2}`, `${x(r.frontDoor.rssRatio)} (${mib(r.frontDoor.peakRssBytes)} vs ${mib(r.frontDoor.peakRssBytesHalfRun)})`, 'flat'],
  ];
  if (r.sweep) {
    rows.push([
      `\`apigw-sim sweep\` of ${r.sweep.points} points (${r.sweep.description}) on 2 worker threads against 1, whole command wall time`,
      `**${x(r.sweep.speedup)}** (${(r.sweep.wallMs[2] / 1000).toFixed(1)} s vs ${(r.sweep.wallMs[1] / 1000).toFixed(1)} s)`,
      `≥ 1.8× on 2 cores, ${verdict(r.sweep.speedup >= 1.8)}`,
    ]);
  }
  const draws = Object.entries(r.randomDrawsPerS)
    .sort(([, a], [, b]) => b - a)
    .map(([name, rate]) => `${name} ${Math.round(rate / 1e6)} M`)
    .join(', ');
  rows.push(['seedrandom generators (draws per second)', draws, '']);
  const memory = r.host?.memoryLatencyNs;
  if (memory) {
    const ns = (v) => `${v.memoryNs.toFixed(0)} ns (L2 ${v.l2Ns.toFixed(0)} ns)`;
    rows.push(['the host: one load from a 64 MB region no cache holds (`bench/memory-latency.js`), before and after the storm runs', `${ns(memory.beforeStorm)}; ${ns(memory.afterStorm)}`, '']);
  }
  const reference = r.host?.referenceEventsPerS;
  if (reference) {
    rows.push(['the host: the kernel row\'s reference heap, run again before and after the storm runs (the CPU\'s speed)', `${(reference.beforeStorm / 1e6).toFixed(2)} M; ${(reference.afterStorm / 1e6).toFixed(2)} M events/s`, '']);
    // what the target, 1 M attempts/s, comes to beside this run's own reference
    const targetPerThousand = 1e9 / ((reference.beforeStorm + reference.afterStorm) / 2);
    rows.push(['the storm with the host\'s CPU speed divided out: its attempts per thousand events of the reference heap, run around it', `${r.retryStorm.attemptsPerThousandReferenceEvents.toFixed(1)} (1 M attempts/s would be ${targetPerThousand.toFixed(1)} beside this reference)`, '']);
  }
  const table = rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
  const regressions = r.regressions?.length ? `\n\nAgainst the previous \`bench/results.json\`: ${r.regressions.map((g) => `${g.figure} ${g.change}`).join('; ')} (flagged: more than 10 % worse).` : '';
  return `Measured ${r.measuredAt.slice(0, 10)} on ${r.machine.cpus} × ${r.machine.cpu} cores, Node ${r.machine.node.replace(/^v/, '')}:\n\n${table}${regressions}`;
}

export function updateReadme(readmePath, results) {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readmePath}: no ${START} ... ${END} markers`);
  writeFileSync(readmePath, `${text.slice(0, start + START.length)}\n${performanceTable(results)}\n${text.slice(end)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
  updateReadme(fileURLToPath(new URL('../README.md', import.meta.url)), results);
  console.log('README.md: performance table rewritten from bench/results.json');
}
