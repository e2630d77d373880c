/**
 * A report folder is replaced whole or not at all, and only when it is a
 * report apigw-sim wrote, as its manifest lists it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimOutputFolder, OutputPathError, releaseOutputFolder, REPORT_MARKER, writeFileAtomic, writeFolderAtomic } from '../../src/report/atomic-write.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
  made.push(dir);
  return dir;
}

/** A report as writeFolderAtomic writes it: these files, and the manifest. */
async function report(dir: string, files: Record<string, string>): Promise<void> {
  await writeFolderAtomic(dir, async (tmp) => {
    for (const [name, text] of Object.entries(files)) await writeFileAtomic(join(tmp, name), text);
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, REPORT_MARKER), 'utf8'));

describe('writeFolderAtomic: the manifest', () => {
  it('lists every file it wrote with its size and SHA-256, and every folder, sorted; the same report gives the same bytes', async () => {
    const parent = scratch();
    await report(join(parent, 'a'), { 'summary.csv': 'metric,value\n', 'charts/cost.png': 'png', 'http/run.json': '{}' });
    await report(join(parent, 'b'), { 'http/run.json': '{}', 'charts/cost.png': 'png', 'summary.csv': 'metric,value\n' });
    const manifest = manifestOf(join(parent, 'a'));
    expect(manifest.writing).toBe(false);
    expect(manifest.folders).toEqual(['charts', 'http']);
    expect(manifest.files).toEqual([
      { path: 'charts/cost.png', bytes: 3, sha256: sha256('png') },
      { path: 'http/run.json', bytes: 2, sha256: sha256('{}') },
      { path: 'summary.csv', bytes: 13, sha256: sha256('metric,value\n') },
    ]);
    expect(readFileSync(join(parent, 'b', REPORT_MARKER))).toEqual(readFileSync(join(parent, 'a', REPORT_MARKER)));
  });
});

describe('writeFolderAtomic: what it replaces', () => {
  it('replaces an earlier report with the new one, leaving nothing of the old, no leftover and no lock', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await report(dir, { 'stale.csv': 'old', 'charts/old.png': 'old' });
    await report(dir, { 'summary.csv': 'new' });
    expect(readdirSync(dir).sort()).toEqual([REPORT_MARKER, 'summary.csv']);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('replaces a report some of whose files were deleted (nothing of yours is in it)', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await report(dir, { 'a.csv': 'a', 'b.csv': 'b' });
    rmSync(join(dir, 'a.csv'));
    await report(dir, { 'c.csv': 'c' });
    expect(readdirSync(dir).sort()).toEqual([REPORT_MARKER, 'c.csv']);
  });

  it('keeps the older report untouched when writing fails half way, and leaves no temporary folder or lock', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await report(dir, { 'summary.csv': 'old' });
    await expect(
      writeFolderAtomic(dir, async (tmp) => {
        await writeFileAtomic(join(tmp, 'summary.csv'), 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('creates nothing when the first report fails, not even the parents it made for it', async () => {
    const parent = scratch();
    await expect(writeFolderAtomic(join(parent, 'x', 'y', 'new'), () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('replaces an empty folder, and creates missing parents', async () => {
    const parent = scratch();
    mkdirSync(join(parent, 'empty'));
    await report(join(parent, 'empty'), { 'a.csv': 'a' });
    await report(join(parent, 'x', 'y', 'z'), { 'c.csv': 'c' });
    expect(readdirSync(join(parent, 'empty')).sort()).toEqual([REPORT_MARKER, 'a.csv']);
    expect(readdirSync(join(parent, 'x', 'y', 'z')).sort()).toEqual([REPORT_MARKER, 'c.csv']);
    expect(readdirSync(parent).sort()).toEqual(['empty', 'x']);
  });

  it('refuses a folder that holds anything but a report, before it fills anything, and leaves it as it was', async () => {
    const parent = scratch();
    const dir = join(parent, 'mine');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'precious');
    writeFileSync(join(dir, 'compare.csv'), 'a,b'); // a report's file name does not make it a report
    let filled = false;
    const attempt = writeFolderAtomic(dir, async () => {
      filled = true;
    });
    await expect(attempt).rejects.toThrow(OutputPathError);
    await expect(attempt).rejects.toThrow(/holds files apigw-sim did not write \(compare.csv, notes.txt, sub\)/);
    expect(filled).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(parent)).toEqual(['mine']);
  });

  it.each([
    ['a file of yours beside the report', (dir: string) => writeFileSync(join(dir, 'NOTES.md'), 'mine'), /holds files apigw-sim did not write \(NOTES.md\)/],
    ['a folder of yours in it', (dir: string) => mkdirSync(join(dir, 'keep')), /holds files apigw-sim did not write \(keep\)/],
    ['a file of yours in its charts folder', (dir: string) => writeFileSync(join(dir, 'charts', 'mine.png'), 'x'), /holds files apigw-sim did not write \(charts\/mine.png\)/],
    ['a link in place of one of its files', (dir: string) => (rmSync(join(dir, 'a.csv')), symlinkSync('/etc/hostname', join(dir, 'a.csv'))), /a.csv was changed after apigw-sim wrote it/],
    ['one of its files edited', (dir: string) => writeFileSync(join(dir, 'a.csv'), 'edited'), /a.csv was changed after apigw-sim wrote it/],
    ['one of its files edited to the same size', (dir: string) => writeFileSync(join(dir, 'a.csv'), 'b'), /a.csv was changed after apigw-sim wrote it/],
  ])('refuses a report with %s, and changes nothing', async (_, edit, message) => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await report(dir, { 'a.csv': 'a', 'charts/x.png': 'x' });
    edit(dir);
    const before = readdirSync(dir, { recursive: true }).map(String).sort();
    await expect(report(dir, { 'b.csv': 'b' })).rejects.toThrow(message);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('refuses a report from a version before the manifest, saying how to replace it', async () => {
    const parent = scratch();
    const dir = join(parent, 'old');
    mkdirSync(dir);
    writeFileSync(join(dir, REPORT_MARKER), 'This folder was written by apigw-sim; the next run with the same --out replaces it.\n');
    writeFileSync(join(dir, 'run.json'), '{}');
    await expect(report(dir, { 'a.csv': 'a' })).rejects.toThrow(/was written by an earlier apigw-sim, whose marker does not list the files it wrote/);
    await expect(report(dir, { 'a.csv': 'a' })).rejects.toMatchObject({ hint: expect.stringContaining(`rm -r ${dir}`) });
    expect(readdirSync(dir).sort()).toEqual([REPORT_MARKER, 'run.json']);
  });

  it('refuses a file, the working folder and its parents, and a path under a file', async () => {
    const parent = scratch();
    const file = join(parent, 'data.txt');
    writeFileSync(file, 'keep');
    const nothing = async () => {};
    await expect(writeFolderAtomic(file, nothing)).rejects.toThrow(/is a file, not a report folder/);
    await expect(writeFolderAtomic(join(file, 'x'), nothing)).rejects.toThrow(/data.txt is a file/);
    await expect(writeFolderAtomic('.', nothing)).rejects.toThrow(/the working folder or one of its parents/);
    await expect(writeFolderAtomic('..', nothing)).rejects.toThrow(/the working folder or one of its parents/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });

  it('refuses a folder of reports (--out reports would replace every report in it)', async () => {
    const parent = scratch();
    await report(join(parent, 'reports', 'a'), { 'run.json': '{}' });
    await report(join(parent, 'reports', 'b'), { 'run.json': '{}' });
    await expect(report(join(parent, 'reports'), {})).rejects.toThrow(/holds files apigw-sim did not write \(a, b\)/);
    expect(readdirSync(join(parent, 'reports')).sort()).toEqual(['a', 'b']);
  });
});

describe('writeFolderAtomic: symbolic links', () => {
  it('follows a link to a folder: the report replaces the folder it points to, and the link stays', async () => {
    const parent = scratch();
    mkdirSync(join(parent, 'target'));
    symlinkSync('target', join(parent, 'link'));
    await report(join(parent, 'link'), { 'a.csv': 'first' });
    await report(join(parent, 'link'), { 'a.csv': 'second' });
    expect(readdirSync(join(parent, 'target')).sort()).toEqual([REPORT_MARKER, 'a.csv']);
    expect(readFileSync(join(parent, 'target', 'a.csv'), 'utf8')).toBe('second');
    expect(readdirSync(parent).sort()).toEqual(['link', 'target']);
  });

  it('refuses a link to nothing, a loop of links, and a path under a link to nothing, creating nothing', async () => {
    const parent = scratch();
    symlinkSync(join(parent, 'gone'), join(parent, 'dangling'));
    symlinkSync('loop-b', join(parent, 'loop-a'));
    symlinkSync('loop-a', join(parent, 'loop-b'));
    await expect(claimOutputFolder(join(parent, 'dangling'))).rejects.toThrow(/dangling is a symbolic link to a folder that does not exist/);
    await expect(claimOutputFolder(join(parent, 'loop-a'))).rejects.toThrow(/loop-a is a loop of symbolic links/);
    await expect(claimOutputFolder(join(parent, 'dangling', 'sub'))).rejects.toThrow(/dangling is a symbolic link to a folder that does not exist/);
    expect(readdirSync(parent).sort()).toEqual(['dangling', 'loop-a', 'loop-b']);
  });
});

describe('claimOutputFolder', () => {
  it('takes the lock beside the folder until released; a claim it already holds is not taken twice', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await claimOutputFolder(dir);
    await claimOutputFolder(dir);
    expect(readdirSync(parent)).toEqual(['.report.apigw-sim-lock']);
    expect(JSON.parse(readFileSync(join(parent, '.report.apigw-sim-lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await releaseOutputFolder(dir);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('refuses a folder in place of the file', async () => {
    const parent = scratch();
    await expect(writeFileAtomic(parent, 'x')).rejects.toThrow(/is a folder/);
    expect(existsSync(parent)).toBe(true);
  });
});
