/** A report folder is replaced whole or not at all. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFolderAtomic } from '../../src/report/atomic-write.js';

describe('writeFolderAtomic', () => {
  it('replaces an older report with the new one, leaving nothing of the old', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    const dir = join(parent, 'report');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale.csv'), 'old');
    await writeFolderAtomic(dir, (tmp) => writeFileAtomic(join(tmp, 'summary.csv'), 'new'));
    expect(readdirSync(dir)).toEqual(['summary.csv']);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('keeps the older report untouched when writing fails half way, and leaves no temporary folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'apigw-sim-atomic-'));
    const dir = join(parent, 'report');
    mkdirSync(dir);
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
});
