/**
 * `--out` as a user meets it (issue 27, points 1, 2, 3 and 10): it never
 * deletes a file apigw-sim did not write, `report` redraws only a whole
 * report, one writer at a time, and a symbolic link is followed (a link to
 * nothing is refused before anything runs). Each case is the issue's
 * reproducer.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireOutputLock, releaseOutputLock } from '../../src/report/output-lock.js';
import { cliEnv, expectedEntries, folderBytes, ROOT, runCli, type CliResult } from './run-cli.js';

const SMALL = `
name: small
seed: 1
duration: 5s
load: { rate: 50/s }
api: { type: rest }
integration:
  type: lambda
  memory: 256MB
  duration: { p50: 40ms, p99: 200ms }
`;
/** 1e8 requests, minutes of simulation: a command that refuses it within seconds did not simulate first. */
const HOURS = SMALL.replace('duration: 5s', 'duration: 3h').replace('rate: 50/s', 'rate: 10000/s');

let work: string;
let small: string;
let hours: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-out-'));
  small = join(work, 'small.yaml');
  hours = join(work, 'hours.yaml');
  writeFileSync(small, SMALL);
  writeFileSync(hours, HOURS);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Exit 2 with one error and a hint, no stack, no internal error. */
function expectRefused(r: CliResult, message: string | RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^error: [^\n]*\n {2}hint: [^\n]*\n$/);
}

/** A refusal that took seconds, not the minutes of simulating `hours.yaml`. */
function expectRefusedAtOnce(args: string[], message: string | RegExp): void {
  const started = Date.now();
  expectRefused(runCli(args), message);
  expect(Date.now() - started).toBeLessThan(10_000);
}

describe('--out never deletes a file apigw-sim did not write (point 1)', () => {
  it('refuses a folder holding notes.txt and a compare.csv: both stay', () => {
    const a = join(work, 'a');
    mkdirSync(a);
    writeFileSync(join(a, 'notes.txt'), 'x\n');
    writeFileSync(join(a, 'compare.csv'), 'a,b\n');
    expectRefused(runCli(['run', small, '--out', a]), `error: ${a} exists and holds files apigw-sim did not write (compare.csv, notes.txt)`);
    expect(readdirSync(a).sort()).toEqual(['compare.csv', 'notes.txt']);
    expect(readFileSync(join(a, 'notes.txt'), 'utf8')).toBe('x\n');
  });

  it('refuses `run rep/edited.yaml --out rep` on an earlier report: the scenario being run and NOTES.md stay', () => {
    const rep = join(work, 'rep');
    expect(runCli(['run', small, '--quiet', '--out', rep]).status).toBe(0);
    cpSync(small, join(rep, 'edited.yaml'));
    writeFileSync(join(rep, 'NOTES.md'), 'my notes\n');
    expectRefused(runCli(['run', join(rep, 'edited.yaml'), '--out', rep]), `error: ${rep} holds files apigw-sim did not write (NOTES.md, edited.yaml)`);
    expect(readFileSync(join(rep, 'edited.yaml'), 'utf8')).toBe(SMALL);
    expect(readFileSync(join(rep, 'NOTES.md'), 'utf8')).toBe('my notes\n');
  });

  it('refuses a report one of whose files was edited, and replaces one it wrote, again and again', () => {
    const rep = join(work, 'rep-edited');
    expect(runCli(['run', small, '--quiet', '--out', rep]).status).toBe(0);
    expect(runCli(['run', small, '--quiet', '--out', rep, '--seed', '2']).status).toBe(0);
    writeFileSync(join(rep, 'summary.csv'), 'my own figures\n');
    expectRefused(runCli(['run', small, '--out', rep]), `error: ${join(rep, 'summary.csv')} was changed after apigw-sim wrote it`);
    expect(readFileSync(join(rep, 'summary.csv'), 'utf8')).toBe('my own figures\n');
  });

  it('lessons run --all keeps an index.html of yours in --out, and says so before running any lesson', () => {
    const site = join(work, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<h1>my class</h1>\n');
    expectRefusedAtOnce(['lessons', 'run', '--all', '--out', site], `error: ${join(site, 'index.html')} exists and is not the lesson index apigw-sim writes`);
    expect(readdirSync(site)).toEqual(['index.html']);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('<h1>my class</h1>\n');
  });
});

describe('report redraws only a whole report (point 2)', () => {
  it('refuses the folder a kill during the old delete left (no cost.csv, no manifest), and one with a file missing', () => {
    const rep = join(work, 'cut');
    expect(runCli(['run', small, '--quiet', '--out', rep], { charts: true }).status).toBe(0);
    rmSync(join(rep, 'cost.csv'));
    expectRefused(runCli(['report', rep]), `error: ${join(rep, 'cost.csv')} is missing: the report's manifest lists it, so the report is not whole`);
    rmSync(join(rep, '.apigw-sim'));
    expectRefused(runCli(['report', rep, '--out', join(work, 'cut-copy')]), `error: ${rep} has no manifest (.apigw-sim), so apigw-sim cannot tell that its files are whole`);
    expect(existsSync(join(work, 'cut-copy'))).toBe(false);
    expect(readdirSync(rep).sort()).toEqual(expectedEntries(['charts', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']));
  });

  it('in place, a compare type is redrawn within its compare folder, which stays a whole report the next compare replaces', () => {
    const cmp = join(work, 'cmp');
    expect(runCli(['compare', small, '--types', 'rest,http', '--quiet', '--out', cmp]).status).toBe(0);
    const before = folderBytes(cmp);
    const r = runCli(['report', join(cmp, 'http'), '--quiet']);
    expect(r.stderr).toMatch(/^(note: [^\n]*\n)?$/);
    expect(r.status).toBe(0);
    expect(folderBytes(cmp)).toEqual(before);
    expect(runCli(['compare', small, '--types', 'rest,http', '--quiet', '--out', cmp, '--seed', '2']).status).toBe(0);
    expect(readdirSync(work).filter((e) => e.startsWith('.cmp.'))).toEqual([]);
  });
});

describe('one writer per --out (point 3)', () => {
  /** The CLI, not waiting: several at once. */
  function started(args: string[]): Promise<CliResult> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [`${ROOT}bin/apigw-sim.js`, ...args], { cwd: ROOT, env: cliEnv() });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
  }

  it('a run while another writes the folder exits 2 at once, and the other\'s report is kept', async () => {
    const rep = join(work, 'locked');
    expect(runCli(['run', small, '--quiet', '--out', rep]).status).toBe(0);
    const before = folderBytes(rep);
    const target = realpathSync(rep);
    await acquireOutputLock(target, rep); // this test process is the other writer
    try {
      expectRefusedAtOnce(['run', hours, '--out', rep], new RegExp(`^error: another run is writing to ${rep} \\(process ${process.pid} on `));
      expect(folderBytes(rep)).toEqual(before);
    } finally {
      await releaseOutputLock(target);
    }
    expect(runCli(['run', small, '--quiet', '--out', rep, '--seed', '2']).status).toBe(0);
  });

  it('a report caught half replaced by the run writing it is that run\'s, not files of someone else\'s; once it is done, the refusal stands', async () => {
    const rep = join(work, 'half-replaced');
    expect(runCli(['run', small, '--quiet', '--out', rep]).status).toBe(0);
    const target = realpathSync(rep);
    await acquireOutputLock(target, rep); // the other writer, deleting the old report's files one by one
    writeFileSync(join(rep, 'summary.csv'), 'half deleted\n');
    try {
      // the check made before the lock sees a changed file: it said so (exit 2, "was changed after apigw-sim wrote it")
      expectRefusedAtOnce(['run', small, '--out', rep], new RegExp(`^error: another run is writing to ${rep} \\(process ${process.pid} on `));
    } finally {
      await releaseOutputLock(target);
    }
    expectRefusedAtOnce(['run', small, '--out', rep], /summary\.csv was changed after apigw-sim wrote it/);
    expect(readFileSync(join(rep, 'summary.csv'), 'utf8')).toBe('half deleted\n');
    expect(readdirSync(work).filter((e) => e.includes('half-replaced') && e !== 'half-replaced')).toEqual([]); // no lock file left
  });

  it('a folder of someone else\'s files is refused as such without the lock: a lock held there is neither waited for nor touched', async () => {
    const theirs = join(work, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'notes.txt'), 'mine\n');
    const target = realpathSync(theirs);
    await acquireOutputLock(target, theirs);
    try {
      expectRefusedAtOnce(['run', small, '--out', theirs], `error: ${theirs} exists and holds files apigw-sim did not write (notes.txt)`);
      expect(readdirSync(work).filter((e) => e.includes('theirs')).sort()).toEqual(['.theirs.apigw-sim-lock', 'theirs']);
    } finally {
      await releaseOutputLock(target);
    }
    expect(readdirSync(theirs)).toEqual(['notes.txt']);
  });

  it('six writers at once: each writes its report whole or exits 2 saying another run is writing; no internal error, no leftover', async () => {
    const parent = mkdtempSync(join(work, 'six-'));
    const rep = join(parent, 'report');
    const seeds = ['1', '2', '3', '4', '5', '6'];
    const results = await Promise.all(seeds.map((seed) => started(['run', small, '--quiet', '--seed', seed, '--out', rep])));
    const won = seeds.filter((_, i) => results[i].status === 0);
    expect(won.length).toBeGreaterThan(0);
    for (const r of results) {
      if (r.status === 0) expect(r.stderr).toBe('');
      else expectRefused(r, /^error: another run is writing to /);
    }
    expect(readdirSync(parent)).toEqual(['report']);
    // the report there is one winner's, whole
    const finalReport = JSON.stringify(folderBytes(rep));
    const matching = won.filter((seed) => {
      const alone = join(parent, `alone-${seed}`);
      runCli(['run', small, '--quiet', '--seed', seed, '--out', alone]);
      return JSON.stringify(folderBytes(alone)) === finalReport;
    });
    expect(matching).toHaveLength(1);
  });
});

describe('a symbolic link as --out (point 10)', () => {
  it('is followed: the report is written in the folder it points to, and the link stays', () => {
    const target = join(work, 'link-target');
    const link = join(work, 'link');
    mkdirSync(target);
    symlinkSync(target, link);
    expect(runCli(['run', small, '--quiet', '--out', link]).status).toBe(0);
    expect(runCli(['run', small, '--quiet', '--out', link, '--seed', '2']).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(target)).toContain('run.json');
    expect(JSON.parse(readFileSync(join(target, 'run.json'), 'utf8')).seed).toBe(2);
  });

  it('to nothing is refused before the simulation runs, and creates nothing', () => {
    const link = join(work, 'dangling');
    symlinkSync(join(work, 'not-there'), link);
    expectRefusedAtOnce(['run', hours, '--out', link], `error: ${link} is a symbolic link to a folder that does not exist`);
    expect(existsSync(join(work, 'not-there'))).toBe(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});
