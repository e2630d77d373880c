/**
 * `node bench/instructions.js <scenario.yaml> <short s> <long s> [unit]`:
 * instructions and simulated cache misses per request (or per attempt with
 * unit = attempts), by function, in the steady state. Needs valgrind.
 *
 * Wall-clock figures on a shared machine move by 25 % between runs, too
 * much to see a 5 % change; instruction counts do not. The scenario runs
 * twice under callgrind (`node --single-threaded`, so no compiler or
 * collector thread changes the count), for a short and a long simulated
 * time; node writes where its JIT put each function (`--perf-basic-prof`),
 * so the costs of JIT code can be given to the JS functions they belong to,
 * and the long run minus the short one leaves what a request costs once
 * the start (loading, parsing, warming the JIT) is paid. The cache misses
 * are callgrind's model (32 KB L1, a 512 KB last level like this CPU's L2),
 * a guide rather than the truth: an A/B of real draws disagreed with it once
 * (bench/NOTES.md).
 *
 * Run from the repository root after `npm run build`; each run takes minutes.
 * It lists the 30 costliest functions; INSTRUCTIONS_ROWS=n lists n.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, shortS, longS, unit = 'requests'] = process.argv.slice(2);
if (!file || !(Number(shortS) > 0) || !(Number(longS) > Number(shortS))) {
  console.error('usage: node bench/instructions.js <scenario.yaml> <short seconds> <long seconds> [requests|attempts]');
  process.exit(2);
}
/** Functions listed, most instructions first (INSTRUCTIONS_ROWS=n for more). */
const ROWS = Number(process.env.INSTRUCTIONS_ROWS ?? 30);
const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'apigw-sim-callgrind-'));

/** One callgrind run: its output file, perf map and the child's own figures. */
function profile(seconds) {
  const out = join(scratch, `cg.${seconds}`);
  const stdout = execFileSync(
    'valgrind',
    ['--tool=callgrind', '--dump-instr=yes', '--cache-sim=yes', '--LL=524288,8,64', '--smc-check=all-non-file', `--callgrind-out-file=${out}`,
      process.execPath, '--single-threaded', '--perf-basic-prof', CHILD, 'scenario', JSON.stringify({ file: resolve(file), seconds: Number(seconds) })],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], cwd: scratch, maxBuffer: 1 << 24 },
  );
  const pid = /^pid: (\d+)/m.exec(readFileSync(out, 'utf8').slice(0, 2000))[1];
  const map = join(scratch, `map.${seconds}`);
  const written = readdirSync('/tmp').find((f) => f === `perf-${pid}.map`);
  if (written === undefined) throw new Error(`node wrote no /tmp/perf-${pid}.map: --perf-basic-prof did not take effect`);
  renameSync(join('/tmp', written), map);
  return { out, map, result: JSON.parse(stdout.trim().split('\n').pop()) };
}

/** Self costs by function name, JIT code named through the perf map (the newest entry covering an address). */
function costsByFunction({ out, map }) {
  const ranges = readFileSync(map, 'utf8').trim().split('\n').map((line, order) => {
    const [start, size, ...name] = line.split(' ');
    return { start: parseInt(start, 16), end: parseInt(start, 16) + parseInt(size, 16), order, name: name.join(' ') };
  }).sort((a, b) => a.start - b.start);
  const maxSize = Math.max(...ranges.map((r) => r.end - r.start));
  const named = new Map();
  const jitName = (address) => {
    if (named.has(address)) return named.get(address);
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ranges[mid].start <= address) lo = mid;
      else hi = mid - 1;
    }
    let best = null;
    for (let i = lo; i >= 0 && ranges[i].start + maxSize > address; i--) {
      const r = ranges[i];
      if (r.start <= address && address < r.end && (best === null || r.order > best.order)) best = r;
    }
    const name = best ? best.name.replace(/^JS:[*~^+]?/, '').replace(/file:\/\/\S*?\/dist\//, '') : 'unknown';
    named.set(address, name);
    return name;
  };
  const ids = new Map();
  const resolveName = (value) => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(value);
    if (!m) return value;
    if (m[2] !== undefined) ids.set(m[1], m[2]);
    return ids.get(m[1]) ?? value;
  };
  let events = [];
  let fn = '?';
  let object = '?';
  let last = 0;
  let skipNext = false;
  const costs = new Map();
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (line.startsWith('events:')) events = line.split(/\s+/).slice(1);
    else if (line.startsWith('ob=')) object = resolveName(line.slice(3).trim());
    else if (line.startsWith('fn=')) fn = resolveName(line.slice(3).trim());
    else if (line.startsWith('cfn=') || line.startsWith('cob=')) resolveName(line.slice(4).trim());
    else if (line.startsWith('calls=')) skipNext = true;
    else if (/^[0-9+\-*]/.test(line)) {
      const parts = line.split(/\s+/);
      const p = parts[0];
      const address = p.startsWith('0x') ? parseInt(p, 16) : p.startsWith('+') ? last + Number(p.slice(1)) : p.startsWith('-') ? last - Number(p.slice(1)) : last;
      last = address;
      if (skipNext) {
        skipNext = false; // a call's inclusive cost: not this function's own
        continue;
      }
      const jit = fn === '???' || fn.startsWith('0x') || object.includes('???');
      const name = jit ? jitName(address) : fn;
      let c = costs.get(name);
      if (!c) costs.set(name, (c = new Array(events.length).fill(0)));
      for (let i = 2; i < parts.length; i++) c[i - 2] += Number(parts[i]);
    }
  }
  return { events, costs };
}

try {
  const short = profile(shortS);
  const long = profile(longS);
  const a = costsByFunction(short);
  const b = costsByFunction(long);
  const units = long.result[unit] - short.result[unit];
  const column = (name) => b.events.indexOf(name);
  const [ir, d1, ll, llw] = [column('Ir'), column('D1mr'), column('DLmr'), column('DLmw')];
  const rows = [...new Set([...a.costs.keys(), ...b.costs.keys()])].map((name) => {
    const x = a.costs.get(name) ?? new Array(b.events.length).fill(0);
    const y = b.costs.get(name) ?? new Array(b.events.length).fill(0);
    return { name, ir: (y[ir] - x[ir]) / units, d1: (y[d1] - x[d1]) / units, ll: (y[ll] - x[ll]) / units, llw: (y[llw] - x[llw]) / units };
  });
  const total = rows.reduce((t, r) => ({ ir: t.ir + r.ir, d1: t.d1 + r.d1, ll: t.ll + r.ll, llw: t.llw + r.llw }), { ir: 0, d1: 0, ll: 0, llw: 0 });
  console.log(
    `${file}: per ${unit.replace(/s$/, '')}, ${shortS} s to ${longS} s: ${total.ir.toFixed(0)} instructions, ${total.d1.toFixed(1)} L1 and ${total.ll.toFixed(2)} last-level read misses, ${total.llw.toFixed(2)} last-level write misses (LLw)`,
  );
  for (const r of rows.sort((p, q) => Math.abs(q.ir) - Math.abs(p.ir)).slice(0, ROWS)) {
    console.log(`${((100 * r.ir) / total.ir).toFixed(1).padStart(6)} %  ${r.ir.toFixed(0).padStart(6)}  L1 ${r.d1.toFixed(2).padStart(6)}  LL ${r.ll.toFixed(2).padStart(5)}  LLw ${r.llw.toFixed(2).padStart(5)}  ${r.name.slice(0, 100)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
