/** A report folder is replaced whole or not at all. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError, REPORT_MARKER, writeFileAtomic, writeFolderAtomic } from '../../src/report/atomic-write.js';

describe('writeFolderAtomic', () => {
  it('replaces an older report with the new one, leaving nothing of the old', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    const dir = join(parent, 'report');
    mkdirSync(dir);
    writeFileSync(join(dir, REPORT_MARKER), '');
    writeFileSync(join(dir, 'stale.csv'), 'old');
    await writeFolderAtomic(dir, (tmp) => writeFileAtomic(join(tmp, 'summary.csv'), 'new'));
    expect(readdirSync(dir).sort()).toEqual([REPORT_MARKER, 'summary.csv']);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('keeps the older report untouched when writing fails half way, and leaves no temporary folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    const dir = join(parent, 'report');
    mkdirSync(dir);
    writeFileSync(join(dir, 'run.json'), '{}'); // a report from before the marker
    writeFileSync(join(dir, 'summary.csv'), 'old');
    await expect(
      writeFolderAtomic(dir, async (tmp) => {
        await writeFileAtomic(join(tmp, 'summary.csv'), 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('creates nothing when the first report fails', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    await expect(writeFolderAtomic(join(parent, 'new'), () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(existsSync(join(parent, 'new'))).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a folder that holds anything but a report, before it fills anything, and leaves it as it was', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    const dir = join(parent, 'mine');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'precious');
    let filled = false;
    const attempt = writeFolderAtomic(dir, async () => {
      filled = true;
    });
    await expect(attempt).rejects.toThrow(OutputPathError);
    await expect(attempt).rejects.toThrow(/holds files apigw-sim did not write \(notes.txt, sub\)/);
    expect(filled).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(parent)).toEqual(['mine']);
  });

  it('refuses a file, the working folder and its parents, and a path under a file', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
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
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    for (const name of ['a', 'b']) {
      mkdirSync(join(parent, 'reports', name), { recursive: true });
      writeFileSync(join(parent, 'reports', name, 'run.json'), '{}');
      writeFileSync(join(parent, 'reports', name, REPORT_MARKER), '');
    }
    await expect(writeFolderAtomic(join(parent, 'reports'), async () => {})).rejects.toThrow(/holds files apigw-sim did not write \(a, b\)/);
    // not even reports from before the marker, unless they are one lesson's variants
    rmSync(join(parent, 'reports', 'a', REPORT_MARKER));
    rmSync(join(parent, 'reports', 'b', REPORT_MARKER));
    await expect(writeFolderAtomic(join(parent, 'reports'), async () => {})).rejects.toThrow(OutputPathError);
    expect(readdirSync(join(parent, 'reports')).sort()).toEqual(['a', 'b']);
  });

  it('replaces an empty folder, and a lesson folder of variant reports and charts from before the marker; creates missing parents', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    mkdirSync(join(parent, 'empty'));
    await writeFolderAtomic(join(parent, 'empty'), (tmp) => writeFileAtomic(join(tmp, 'a.csv'), 'a'));
    mkdirSync(join(parent, 'lesson', 'base'), { recursive: true });
    mkdirSync(join(parent, 'lesson', 'charts'));
    writeFileSync(join(parent, 'lesson', 'base', 'run.json'), JSON.stringify({ lesson: { title: 't' } }));
    await writeFolderAtomic(join(parent, 'lesson'), (tmp) => writeFileAtomic(join(tmp, 'b.csv'), 'b'));
    await writeFolderAtomic(join(parent, 'x', 'y', 'z'), (tmp) => writeFileAtomic(join(tmp, 'c.csv'), 'c'));
    expect(readdirSync(join(parent, 'empty')).sort()).toEqual([REPORT_MARKER, 'a.csv']);
    expect(readdirSync(join(parent, 'lesson')).sort()).toEqual([REPORT_MARKER, 'b.csv']);
    expect(readdirSync(join(parent, 'x', 'y', 'z')).sort()).toEqual([REPORT_MARKER, 'c.csv']);
  });
});

describe('writeFileAtomic', () => {
  it('refuses a folder in place of the file', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    await expect(writeFileAtomic(parent, 'x')).rejects.toThrow(/is a folder/);
  });
});
