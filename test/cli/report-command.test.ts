/**
 * `apigw-sim report <run-folder>` as a user runs it: the folder a run wrote
 * is drawn again from run.json and timeseries.csv alone, byte for byte as
 * the run drew it; a folder that is not a run's gets one clear error.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFiles, expectQuietStderr, runCli } from './run-cli.js';

// a cache, a stage throttle (the `429 stage` label has a space), Lambda
// gauges, a failure window and quarter-second intervals: every kind of column
const SCENARIO = `
name: redraw
seed: 3
duration: 40s
warmup: 5s
interval: 250ms
load:
  rate: 400/s
  keys: { count: 2000, zipf: 1.0 }
api:
  type: rest
  cache: { size: 0.5GB, ttl: 60s }
  throttle:
    stage: { rate: 300/s, burst: 50 }
integration:
  type: lambda
  memory: 512MB
  duration: { p50: 40ms, p99: 300ms }
failures:
  - { at: 20s, for: 5s, target: integration, errorRate: 0.3 }
`;

let work: string;
let ran: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-report-'));
  writeFileSync(join(work, 'redraw.yaml'), SCENARIO);
  ran = join(work, 'ran');
  const r = runCli(['run', join(work, 'redraw.yaml'), '--out', ran, '--quiet'], { charts: true });
  expectQuietStderr(r.stderr);
  expect(r.status).toBe(0);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under a folder, by relative path. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name)));
  }
  return out;
}

describe('apigw-sim report', () => {
  it('draws the same report.html (and charts) from the files as the run did', () => {
    const before = files(ran);
    expect(before.get('report.html')).toBeDefined();
    const copy = join(work, 'copy');
    const r = runCli(['report', ran, '--out', copy]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/redrew .*copy\/ \(report\.html/);
    expect(r.stdout).toMatch(/from .*run\.json and 160 intervals of timeseries\.csv/);
    const after = files(copy);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });

  it('redraws in place, whole, as the run wrote it; a page edited since is refused, and the folder left as it was', () => {
    const folder = join(work, 'in-place');
    cpSync(ran, folder, { recursive: true });
    const r = runCli(['report', folder, '--quiet']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(files(folder)).toEqual(files(ran));
    expect(readdirSync(work).filter((f) => f.startsWith('.in-place.'))).toEqual([]);
    // the manifest (.apigw-sim) no longer matches: report redraws only a whole report
    writeFileSync(join(folder, 'report.html'), 'stale');
    const stale = runCli(['report', folder]);
    expect(stale.status).toBe(2);
    expect(stale.stderr).toMatch(/^error: .*in-place\/report\.html was changed after apigw-sim wrote it/);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toBe('stale');
  });

  it('keeps the PNGs there are when node-canvas is missing, and says how to get it', () => {
    const folder = join(work, 'no-canvas');
    cpSync(ran, folder, { recursive: true });
    const r = runCli(['report', folder], { env: { APIGW_SIM_NO_CANVAS: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^note: .*apt-get install/m);
    expect(chartFiles(folder)).toEqual(chartFiles(ran));
    expect(readFileSync(join(folder, 'report.html')).equals(readFileSync(join(ran, 'report.html')))).toBe(true);
  });

  it('says what is wrong with a folder that is not a finished run, and writes nothing', () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    const r = runCli(['report', empty, '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: .*run\.json: no such file, so .* is not a finished run's folder\n  hint: give the folder `apigw-sim run` wrote/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, 'never'))).toBe(false);
  });

  it('names the field when run.json comes from a version without report, and the line of a bad CSV cell', () => {
    const old = join(work, 'old');
    cpSync(ran, old, { recursive: true });
    const json = JSON.parse(readFileSync(join(old, 'run.json'), 'utf8'));
    delete json.timeseries;
    writeFileSync(join(old, 'run.json'), JSON.stringify(json));
    const r = runCli(['report', old]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/run\.json: timeseries: .*\n  hint: run\.json was written by an older apigw-sim/);

    const edited = join(work, 'edited');
    cpSync(ran, edited, { recursive: true });
    const lines = readFileSync(join(edited, 'timeseries.csv'), 'utf8').split('\n');
    lines[3] = lines[3].replace(/^([^,]*),([^,]*),([^,]*),/, '$1,$2,lots,');
    writeFileSync(join(edited, 'timeseries.csv'), lines.join('\n'));
    const e = runCli(['report', edited]);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/timeseries\.csv:4: offered_per_s is "lots", not a number/);
    // a row cut short is named by its line too
    lines[3] = lines[3].split(',').slice(0, 5).join(',');
    writeFileSync(join(edited, 'timeseries.csv'), lines.join('\n'));
    expect(runCli(['report', edited]).stderr).toMatch(/timeseries\.csv:4: /);
    // a row taken out, and a level made negative, are edits too
    const original = readFileSync(join(ran, 'timeseries.csv'), 'utf8').split('\n');
    writeFileSync(join(edited, 'timeseries.csv'), [...original.slice(0, 3), ...original.slice(4)].join('\n'));
    const gap = runCli(['report', edited]);
    expect(gap.status).toBe(2);
    expect(gap.stderr).toMatch(/timeseries\.csv:4: the row runs from [\d.]+ s to [\d.]+ s, but the one before ended at [\d.]+ s\n  hint: rows were removed/);
    writeFileSync(join(edited, 'timeseries.csv'), original.map((l, i) => (i === 2 ? l.replace(/^([^,]*),([^,]*),([^,]*),([^,]*),/, '$1,$2,$3,-47,') : l)).join('\n'));
    const negative = runCli(['report', edited]);
    expect(negative.status).toBe(2);
    expect(negative.stderr).toMatch(/timeseries\.csv:3: attempts_started is -47, below 0/);
    // the folder is untouched by a failed redraw
    expect(readFileSync(join(edited, 'report.html')).equals(readFileSync(join(ran, 'report.html')))).toBe(true);
  });

  it('refuses an --out inside the run folder, or one that holds it (it would be replaced whole)', () => {
    const r = runCli(['report', ran, '--out', join(ran, 'again')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out .* is inside/);
    const parent = runCli(['report', ran, '--out', work]);
    expect(parent.status).toBe(2);
    expect(parent.stderr).toMatch(/--out .* holds .*ran\n  hint: give a folder of its own/);
    expect(existsSync(join(ran, 'run.json'))).toBe(true);
  });
});
