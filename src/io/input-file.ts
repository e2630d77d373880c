/**
 * Reads a file the user names (a scenario, a price table, a finished run's
 * run.json and timeseries.csv, a shard's partial.json) with limits, so that
 * no path can hang the tool or exhaust its memory:
 *
 * - only a regular file (a symlink to one is fine): a named pipe would block
 *   for ever, a device such as /dev/zero never ends, a folder is a mistake;
 *   the file is opened without blocking and checked on the open descriptor,
 *   so it cannot be swapped for a pipe between the check and the read;
 * - at most `maxBytes`, checked before reading and again while reading (a
 *   file that grows, or a /proc file that says 0 bytes);
 * - UTF-8 only, decoded strictly: a byte sequence that is not UTF-8 is an
 *   error with its line, not a silent U+FFFD (a UTF-8 byte-order mark is
 *   dropped).
 *
 * A file that cannot be opened at all (no such file, no permission) throws
 * Node's own error, so a caller can say what a missing file means to it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

const MIB = 1024 * 1024;
/** Scenario files, lesson variants' files and --prices tables: the shipped ones take under 20 KB; parsing 1 MiB of YAML takes about a second. */
export const DOCUMENT_MAX_BYTES = MIB;
/** A finished run's run.json and timeseries.csv, a shard's partial.json: 512 MiB is about the longest text Node holds in one string. */
export const RUN_FILE_MAX_BYTES = 512 * MIB;

/** A file refused for what it is (not a regular file, too large, not UTF-8): printed with its hint, exit code 2. */
export class InputFileError extends Error {
  override name = 'InputFileError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly hint: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}

/** What the file should be, for the limit and the messages. */
export interface InputKind {
  maxBytes: number;
  /** What it is, in a message: `a scenario file` ("more than the 1 MiB a scenario file may take"). */
  what: string;
  /** What to do when the path is not a regular file: `give the path of a .yaml or .json scenario, e.g. ...`. */
  hint: string;
}

export function readInputFile(file: string, kind: InputKind): string {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let bytes: Buffer;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputFileError(file, `is ${whatItIs(stats)}, not a regular file`, notRegularHint(stats, kind));
    if (stats.size > kind.maxBytes) throw tooLarge(file, stats.size, kind);
    bytes = readAtMost(fd, kind.maxBytes + 1, stats.size);
    if (bytes.length > kind.maxBytes) throw tooLarge(file, bytes.length, kind);
  } finally {
    closeSync(fd);
  }
  return decodeUtf8(bytes, file);
}

/** Up to `limit` bytes from the descriptor, until its end (`size`, as fstat said, is where to start: a /proc file says 0). */
function readAtMost(fd: number, limit: number, size: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(size + 1, 64 * 1024)));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (buffer.length >= limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, total, buffer.length - total, null);
    if (read === 0) break;
    total += read;
  }
  return buffer.subarray(0, total);
}

function whatItIs(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function notRegularHint(stats: Stats, kind: InputKind): string {
  return stats.isFIFO() ? 'save what the pipe gives to a regular file first and give that path (a pipe or <(...) is not read)' : kind.hint;
}

function tooLarge(file: string, size: number, kind: InputKind): InputFileError {
  let [given, most] = [sizeText(size), sizeText(kind.maxBytes)];
  if (given === most) [given, most] = [`${size.toLocaleString('en-US')} bytes`, `${kind.maxBytes.toLocaleString('en-US')} bytes (${most})`]; // just over: "1 MiB, more than 1 MiB" says nothing
  return new InputFileError(file, `is ${given}, more than the ${most} ${kind.what} may take`, `check the path; docs/commands.md#input-files gives the limits`);
}

function sizeText(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** The text, or an error at the first line that is not UTF-8. */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    const hint = 'save the file as UTF-8 (your editor\'s "encoding" setting)';
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new InputFileError(file, 'is UTF-16 text, not UTF-8', hint, 1);
    throw new InputFileError(file, 'is not UTF-8 text: this line has bytes that are not UTF-8 (Latin-1? a binary file?)', hint, firstBadLine(bytes));
  }
}

/** The 1-based line of the first byte sequence that is not UTF-8 (a newline byte never occurs inside a UTF-8 sequence, so lines decode alone). */
function firstBadLine(bytes: Buffer): number {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    try {
      strict.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    if (end === -1) break;
    start = end + 1;
  }
  return 1;
}
