/**
 * Reading the files a user names (io/input-file.ts): only regular files, at
 * most the limit, strictly UTF-8; each refusal says what the path is, and a
 * pipe is refused at once instead of blocking.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputFileError, readInputFile, type InputKind } from '../../src/io/input-file.js';

const KIND: InputKind = { maxBytes: 100, what: 'a test file', hint: 'give a test file' };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apigw-sim-input-'));
});

function refusal(path: string, kind = KIND): InputFileError {
  try {
    readInputFile(path, kind);
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error(`${path} was read`);
}

describe('readInputFile', () => {
  it('reads a regular UTF-8 file, through a symlink too, and drops a UTF-8 byte-order mark', () => {
    writeFileSync(join(dir, 'ok.yaml'), 'name: café\n');
    expect(readInputFile(join(dir, 'ok.yaml'), KIND)).toBe('name: café\n');
    symlinkSync(join(dir, 'ok.yaml'), join(dir, 'link.yaml'));
    expect(readInputFile(join(dir, 'link.yaml'), KIND)).toBe('name: café\n');
    writeFileSync(join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\n')]));
    expect(readInputFile(join(dir, 'bom.yaml'), KIND)).toBe('a: 1\n');
  });

  it("throws Node's own error for a path that is not there, so a caller can say what that means to it", () => {
    expect(() => readInputFile(join(dir, 'missing.yaml'), KIND)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('refuses a device such as /dev/zero (which never ends) and a folder, with the hint it is given', () => {
    expect(refusal('/dev/zero')).toMatchObject({ reason: 'is a device, not a regular file', hint: 'give a test file' });
    expect(refusal(dir).reason).toBe('is a folder, not a regular file');
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe at once: opening one to read would block until a writer came', () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const error = refusal(fifo);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.reason).toBe('is a named pipe (FIFO), not a regular file');
    expect(error.hint).toMatch(/regular file first/);
  });

  it('refuses a file over the limit, whether its size says so or it only shows while reading (a /proc file says 0 bytes)', () => {
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(101));
    expect(refusal(join(dir, 'big.yaml')).reason).toBe('is 101 bytes, more than the 100 bytes a test file may take');
    writeFileSync(join(dir, 'edge.yaml'), 'x'.repeat(100));
    expect(readInputFile(join(dir, 'edge.yaml'), KIND)).toHaveLength(100);
    if (process.platform === 'linux') {
      expect(refusal('/proc/self/maps').reason).toMatch(/more than the 100 bytes a test file may take/);
      expect(readInputFile('/proc/self/maps', { ...KIND, maxBytes: 1 << 24 })).toMatch(/\n/);
    }
  });

  it('refuses text that is not UTF-8, with the line of the first bad byte, and names UTF-16', () => {
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('name: t\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\nseed: 1\n')]));
    const latin1 = refusal(join(dir, 'latin1.yaml'));
    expect(latin1.line).toBe(2);
    expect(latin1.message).toBe(`${join(dir, 'latin1.yaml')}:2: is not UTF-8 text: this line has bytes that are not UTF-8 (Latin-1? a binary file?)`);
    expect(latin1.hint).toMatch(/save the file as UTF-8/);
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.from('\ufeffname: t\n', 'utf16le'));
    expect(refusal(join(dir, 'utf16.yaml')).reason).toBe('is UTF-16 text, not UTF-8');
    // a multi-byte character cut by the end of the file is not UTF-8 either
    writeFileSync(join(dir, 'cut.yaml'), Buffer.concat([Buffer.from('a: 1\nb: '), Buffer.from('é').subarray(0, 1)]));
    expect(refusal(join(dir, 'cut.yaml')).line).toBe(2);
  });
});
