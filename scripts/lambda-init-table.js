#!/usr/bin/env node
// Writes src/catalog/lambda-init.json, the INIT (cold start) table that a
// Lambda function's `runtime:` reads (docs/lambda-runtimes.md), from the daily
// data files of maxday/lambda-perf (https://github.com/maxday/lambda-perf,
// Apache-2.0): each file holds, per runtime, memory size, architecture and
// package type, the REPORT "Init Duration" of 10 cold starts of a hello-world
// function that day. Run by hand after a build (it checks the table with the
// same schema apigw-sim reads it with); CI has no network and never runs it.
//
//   git clone --depth 1 https://github.com/maxday/lambda-perf /tmp/lambda-perf
//   npm run build && node scripts/lambda-init-table.js --data /tmp/lambda-perf/data
//
// Options: --data <folder> (searched recursively for YYYY-MM-DD.json),
// --days <n> (the window, default 90 days, ending with the newest file),
// --until <YYYY-MM-DD>, --out <file> (default src/catalog/lambda-init.json),
// --check (regenerate and compare with --out instead of writing; exit 1 on a
// difference).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { quantileSorted } from 'simple-statistics';
import { fitLognormal, normalQuantile } from '../dist/model/shared/distribution.js';
import { LAMBDA_INIT_COLUMNS, LAMBDA_INIT_SOURCE, lambdaInitTableSchema, lambdaInitRows } from '../dist/catalog/lambda-init.js';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    days: { type: 'string', default: '90' },
    until: { type: 'string' },
    out: { type: 'string', default: join(root, 'src', 'catalog', 'lambda-init.json') },
    check: { type: 'boolean', default: false },
  },
});
if (!args.data) fail('--data <folder> is required: the data/ folder of a clone of https://github.com/maxday/lambda-perf');

/** Fewer cold starts than this in the window and a row is left out (its p99 would be a guess). */
const MIN_SAMPLES = 100;
const DAY_MS = 86_400_000;

const files = listDataFiles(args.data);
if (files.length === 0) fail(`no YYYY-MM-DD.json file under ${args.data}`);
const until = args.until ?? files[files.length - 1].date;
const days = Number(args.days);
if (!(Number.isInteger(days) && days > 0)) fail('--days takes a whole number of days, e.g. 90');
const from = new Date(Date.parse(until) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
const window = files.filter((f) => f.date >= from && f.date <= until);
if (window.length === 0) fail(`no data file between ${from} and ${until}`);

const groups = collect(window);
const table = toTable(groups, { from, until, days, files: window.length });
lambdaInitTableSchema.parse(table);
const rows = lambdaInitRows(table);
checkRows(rows);
const text = format(table);

if (args.check) {
  const committed = readFileSync(args.out, 'utf8');
  if (committed !== text) fail(`${args.out} differs from what the data gives (${rows.length} rows from ${window.length} files, ${from} to ${until}): run without --check to rewrite it`);
  console.log(`${args.out}: matches the data (${rows.length} rows, ${from} to ${until})`);
} else {
  writeFileSync(args.out, text);
  console.log(`wrote ${args.out}: ${rows.length} rows from ${window.length} daily files, ${from} to ${until}`);
}
reportFit(rows);

function fail(message) {
  console.error(`lambda-init-table: ${message}`);
  process.exit(1);
}

/** The daily files under `dir`, oldest first (last.json and other names are skipped). */
function listDataFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/^\d{4}-\d{2}-\d{2}\.json$/.test(e.name)) found.push({ date: basename(e.name, '.json'), path: join(d, e.name) });
    }
  };
  walk(dir);
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * lambda-perf's function name, `lambda-perf-<id>-<package>-<memory>-<arch>`, to
 * the runtime as a scenario names it: AWS's identifier for a managed runtime
 * (nodejs22.x, python3.13, java8.al2), `provided.al2023/<language>` for a
 * custom one (provided.al2023/rust).
 */
function runtimeName(id, displayName) {
  const provided = /\(prov\.(al2023|al2)\)/.exec(displayName);
  if (provided) return `provided.${provided[1]}/${id.replace(/_on_provided_al2(023)?$/, '').replace(/_/g, '-')}`;
  let m;
  if ((m = /^nodejs(\d+)x$/.exec(id))) return `nodejs${m[1]}.x`;
  if ((m = /^(python|ruby)(\d)(\d+)$/.exec(id))) return `${m[1]}${m[2]}.${m[3]}`;
  return id.replace(/_/g, '.'); // java8_al2 -> java8.al2; java21, dotnet8 unchanged
}

function collect(window) {
  const groups = new Map();
  for (const file of window) {
    const data = JSON.parse(readFileSync(file.path, 'utf8'));
    for (const r of data.runtimeData ?? []) {
      const match = /^lambda-perf-(.+)-(zip|image)-(\d+)-(x86_64|arm64)$/.exec(r.r);
      if (!match || !Array.isArray(r.i)) continue;
      const runtime = runtimeName(match[1], r.d ?? '');
      const key = `${runtime}|${r.a}|${r.m}|${r.p}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { runtime, architecture: r.a, memoryMb: r.m, packageType: r.p, samples: [], from: file.date, to: file.date }));
      const init = r.i.filter((v) => typeof v === 'number' && v > 0);
      if (init.length === 0) continue;
      g.samples.push(...init);
      g.to = file.date;
    }
  }
  return [...groups.values()].filter((g) => g.samples.length >= MIN_SAMPLES);
}

/** Median, p90 and p99 (linear between order statistics), and the median's distribution-free 95 % interval (order statistics n/2 ± 1.96 √n / 2). */
function statistics(samples) {
  const round = (v) => Math.round(v * 10) / 10;
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const half = (1.96 * Math.sqrt(n)) / 2;
  const low = Math.max(1, Math.floor(n / 2 - half));
  const high = Math.min(n, Math.ceil(n / 2 + half + 1));
  return [n, round(quantileSorted(s, 0.5)), round(quantileSorted(s, 0.9)), round(quantileSorted(s, 0.99)), round(s[low - 1]), round(s[high - 1])];
}

function toTable(groups, w) {
  const runtimes = {};
  const order = (a, b) => (a.runtime < b.runtime ? -1 : a.runtime > b.runtime ? 1 : a.architecture.localeCompare(b.architecture) || a.packageType.localeCompare(b.packageType) || a.memoryMb - b.memoryMb);
  for (const g of [...groups].sort(order)) {
    const entry = (runtimes[g.runtime] ??= { source: LAMBDA_INIT_SOURCE, from: g.from, to: g.to, rows: [] });
    if (g.from < entry.from) entry.from = g.from;
    if (g.to > entry.to) entry.to = g.to;
    entry.rows.push([g.architecture, g.memoryMb, g.packageType, ...statistics(g.samples)]);
  }
  return {
    description: 'INIT (cold start) durations of a hello-world Lambda function per runtime, architecture, package type and memory size: the REPORT line\'s Init Duration, 10 cold starts a day, measured by maxday/lambda-perf. Written by scripts/lambda-init-table.js; see docs/lambda-runtimes.md.',
    source: 'https://github.com/maxday/lambda-perf',
    license: 'Apache-2.0',
    window: { from: w.from, to: w.until, days: w.days, files: w.files },
    columns: [...LAMBDA_INIT_COLUMNS],
    runtimes,
  };
}

/** Checks beyond the schema's: percentiles in order, the median inside its own interval, dates inside the window. */
function checkRows(rows) {
  const problems = [];
  for (const r of rows) {
    const at = `${r.runtime} ${r.architecture} ${r.memoryMb}MB ${r.packageType}`;
    if (!(r.p50Ms <= r.p90Ms && r.p90Ms <= r.p99Ms)) problems.push(`${at}: percentiles out of order`);
    if (!(r.p50LowMs <= r.p50Ms && r.p50Ms <= r.p50HighMs)) problems.push(`${at}: the median is outside its interval`);
    if (r.samples < MIN_SAMPLES) problems.push(`${at}: ${r.samples} samples`);
  }
  if (problems.length > 0) fail(`the table does not check:\n  ${problems.join('\n  ')}`);
}

/** How far the log-normal the model draws from (fitted to p50 and p99) puts its p90 from the measured one; printed, not enforced. */
function reportFit(rows) {
  const z90 = normalQuantile(0.9);
  const off = rows.map((r) => {
    const [mu, sigma] = fitLognormal(r.p50Ms, r.p99Ms);
    return { r, ratio: Math.exp(mu + sigma * z90) / r.p90Ms };
  });
  off.sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)));
  const within = off.filter((o) => Math.abs(o.ratio - 1) <= 0.25).length;
  console.log(`log-normal fit: the fitted p90 is within 25 % of the measured p90 for ${within} of ${rows.length} rows; farthest:`);
  for (const { r, ratio } of off.slice(0, 5)) console.log(`  ${r.runtime} ${r.architecture} ${r.memoryMb}MB ${r.packageType}: fitted p90 ${(ratio * r.p90Ms).toFixed(1)} ms, measured ${r.p90Ms} ms`);
}

/** One runtime's header per line and one row per line: a new day's table reads as a small diff. */
function format(t) {
  const lines = ['{'];
  for (const key of ['description', 'source', 'license', 'window', 'columns']) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(t[key])},`);
  lines.push('  "runtimes": {');
  const names = Object.keys(t.runtimes);
  names.forEach((name, i) => {
    const e = t.runtimes[name];
    lines.push(`    ${JSON.stringify(name)}: { "source": ${JSON.stringify(e.source)}, "from": ${JSON.stringify(e.from)}, "to": ${JSON.stringify(e.to)}, "rows": [`);
    e.rows.forEach((row, j) => lines.push(`      ${JSON.stringify(row)}${j < e.rows.length - 1 ? ',' : ''}`));
    lines.push(`    ] }${i < names.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}
