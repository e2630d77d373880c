/**
 * What an interrupted replace leaves beside a report folder is finished or
 * removed by the next claim of that folder, and only when it is provably
 * apigw-sim's; the lock beside the folder keeps a second writer out and is
 * taken over only from a writer that is gone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { claimOutputFolder, releaseOutputFolder, REPORT_MARKER, writeFileAtomic, writeFolderAtomic } from '../../src/report/atomic-write.js';
import { acquireOutputLock, lockPathOf, releaseOutputLock } from '../../src/report/output-lock.js';
import { writeWritingManifest } from '../../src/report/report-manifest.js';

const made: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  for (const child of children) child.kill();
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-sim-leftovers-'));
  made.push(dir);
  return dir;
}

async function report(dir: string, files: Record<string, string>): Promise<void> {
  await writeFolderAtomic(dir, async (tmp) => {
    for (const [name, text] of Object.entries(files)) await writeFileAtomic(join(tmp, name), text);
  });
}

/** A finished report of these files under a leftover's name. */
async function reportAs(parent: string, name: string, files: Record<string, string>): Promise<string> {
  await report(join(parent, 'staging'), files);
  renameSync(join(parent, 'staging'), join(parent, name));
  return join(parent, name);
}

describe('the next claim finishes an interrupted replace', () => {
  it('puts the whole new report in when the folder is missing (killed between the two renames), and removes the old one', async () => {
    const parent = scratch();
    await reportAs(parent, '.report.apigw-sim-old.4001', { 'a.csv': 'old' });
    await reportAs(parent, '.report.apigw-sim-new.4001', { 'a.csv': 'new' });
    await claimOutputFolder(join(parent, 'report'));
    await releaseOutputFolder(join(parent, 'report'));
    expect(readFileSync(join(parent, 'report', 'a.csv'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('brings the old report back when the new one is not whole', async () => {
    const parent = scratch();
    await reportAs(parent, '.report.apigw-sim-old.4002', { 'a.csv': 'old' });
    const unfinished = join(parent, '.report.apigw-sim-new.4002');
    mkdirSync(unfinished);
    await writeWritingManifest(unfinished);
    writeFileSync(join(unfinished, 'a.csv'), 'ne');
    await claimOutputFolder(join(parent, 'report'));
    await releaseOutputFolder(join(parent, 'report'));
    expect(readFileSync(join(parent, 'report', 'a.csv'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['report']);
  });
});

describe('the next claim removes leftovers that are provably apigw-sim', () => {
  it('removes a report being written, an old report partly deleted, an empty old folder and a stale lock being taken over', async () => {
    const parent = scratch();
    await report(join(parent, 'report'), { 'a.csv': 'current' });
    const writing = join(parent, '.report.apigw-sim-new.4003');
    mkdirSync(join(writing, 'http', 'charts'), { recursive: true });
    await writeWritingManifest(writing);
    writeFileSync(join(writing, 'http', 'charts', 'half.png'), 'half');
    const partly = await reportAs(parent, '.report.apigw-sim-old.4004', { 'a.csv': 'old', 'b.csv': 'old', 'charts/c.png': 'old' });
    rmSync(join(partly, 'a.csv'));
    rmSync(join(partly, 'charts', 'c.png'));
    mkdirSync(join(parent, '.report.apigw-sim-old.4005'));
    writeFileSync(join(parent, '.report.apigw-sim-lock.stale.4006'), '{}');
    await claimOutputFolder(join(parent, 'report'));
    await releaseOutputFolder(join(parent, 'report'));
    expect(readdirSync(parent)).toEqual(['report']);
    expect(readFileSync(join(parent, 'report', 'a.csv'), 'utf8')).toBe('current');
  });

  it('leaves alone a leftover that holds a file it did not write, a leftover with no manifest, and names that only look alike', async () => {
    const parent = scratch();
    const withNotes = await reportAs(parent, '.report.apigw-sim-old.4007', { 'a.csv': 'old' });
    writeFileSync(join(withNotes, 'notes.txt'), 'mine');
    const noManifest = join(parent, '.report.apigw-sim-new.4008');
    mkdirSync(noManifest);
    writeFileSync(join(noManifest, 'mine.txt'), 'mine');
    for (const name of ['.report.apigw-sim-new.x1', '.reports.apigw-sim-new.4009', '.report.apigw-sim-old.4010.bak']) await reportAs(parent, name, { 'a.csv': 'a' });
    const before = readdirSync(parent).sort();
    await report(join(parent, 'report'), { 'a.csv': 'new' });
    expect(readdirSync(parent).sort()).toEqual([...before, 'report'].sort());
    expect(readFileSync(join(withNotes, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(noManifest, 'mine.txt'), 'utf8')).toBe('mine');
  });
});

describe('the lock beside the folder', () => {
  /** A lock file as another writer leaves it. */
  function plantLock(target: string, owner: { pid: number; host?: string; started?: string | null }): void {
    writeFileSync(lockPathOf(target), JSON.stringify({ pid: owner.pid, host: owner.host ?? hostname(), started: owner.started ?? null, since: '2030-01-01T00:00:00.000Z', token: 'theirs' }));
  }
  const live = () => {
    const child = spawn('sleep', ['60']);
    children.push(child);
    return child.pid as number;
  };
  const gone = () => spawnSync('true').pid;

  it('keeps a second writer out while the first runs, naming the folder and the process', async () => {
    const parent = scratch();
    const target = join(parent, 'report');
    const pid = live();
    plantLock(target, { pid });
    await expect(acquireOutputLock(target, 'reports/x')).rejects.toThrow(`another run is writing to reports/x (process ${pid} on ${hostname()}, since 2030-01-01T00:00:00.000Z)`);
    await expect(acquireOutputLock(target, 'reports/x')).rejects.toMatchObject({ hint: expect.stringContaining(lockPathOf(target)) });
    expect(JSON.parse(readFileSync(lockPathOf(target), 'utf8')).token).toBe('theirs');
  });

  it('never judges stale a lock from another host (a shared volume)', async () => {
    const parent = scratch();
    const target = join(parent, 'report');
    plantLock(target, { pid: gone(), host: `not-${hostname()}` });
    await expect(acquireOutputLock(target, 'x')).rejects.toThrow(/another run is writing to x/);
  });

  it('takes over the lock of a writer that is gone, and of a pid now running another process', async () => {
    const parent = scratch();
    const target = join(parent, 'report');
    plantLock(target, { pid: gone() });
    await acquireOutputLock(target, 'x');
    expect(JSON.parse(readFileSync(lockPathOf(target), 'utf8')).pid).toBe(process.pid);
    await releaseOutputLock(target);
    expect(existsSync(lockPathOf(target))).toBe(false);
    if (existsSync('/proc/self/stat')) {
      plantLock(target, { pid: live(), started: '1' });
      await acquireOutputLock(target, 'x');
      await releaseOutputLock(target);
    }
    expect(readdirSync(parent)).toEqual([]);
  });

  it('holds an empty lock file (a writer between creating and filling it) for a few seconds, then takes it over', async () => {
    const parent = scratch();
    const target = join(parent, 'report');
    writeFileSync(lockPathOf(target), '');
    await expect(acquireOutputLock(target, 'x')).rejects.toThrow(/another run is writing to x$/);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPathOf(target), aMinuteAgo, aMinuteAgo);
    await acquireOutputLock(target, 'x');
    await releaseOutputLock(target);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('is taken before anything else of a replace: a held lock refuses the write and leaves the old report', async () => {
    const parent = scratch();
    const target = join(parent, 'report');
    await report(target, { 'a.csv': 'old' });
    plantLock(target, { pid: live() });
    let filled = false;
    await expect(
      writeFolderAtomic(target, async () => {
        filled = true;
      }),
    ).rejects.toThrow(/another run is writing to/);
    expect(filled).toBe(false);
    expect(readdirSync(target).sort()).toEqual([REPORT_MARKER, 'a.csv']);
  });
});
