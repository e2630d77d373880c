/**
 * One number read back from a CSV file a run wrote (timeseries.csv, for
 * `apigw-sim report`), checked against what the run writes there, so that
 * an edited file is refused with its file, line and column rather than
 * drawn from nonsense:
 *
 * - `count`: a whole number, 0 or more, never empty (attempts, outcomes,
 *   events);
 * - `amount`: a finite number, 0 or more, never empty (times, per-second
 *   rates);
 * - `level`: a finite number, 0 or more, or empty where the run had no value
 *   (an interval's percentiles with no successful request, a ratio with
 *   nothing to divide, a gauge): read as NaN.
 *
 * `1e400` reads as Infinity in JavaScript, and no column a run writes holds
 * one: it is refused as not finite.
 */
import { RunFolderError } from './run-folder.js'; // a cycle, used only when a cell is refused

export type CellKind = 'count' | 'amount' | 'level';

export interface CellPlace {
  /** The file, as the user gave its folder. */
  path: string;
  /** 1-based line in the file (the header is line 1). */
  line: number;
}

const EDITED = 'the file was edited; run the scenario again, or give `apigw-sim report` the folder the run wrote';

export function csvCell(record: Readonly<Record<string, string>>, column: string, kind: CellKind, at: CellPlace): number {
  const cell = record[column];
  if (cell === undefined) throw new RunFolderError(`${at.path}: no column ${column}`, 'the file was edited or comes from another version; run the scenario again');
  const where = `${at.path}:${at.line}: ${column}`;
  const place = `(column ${Object.keys(record).indexOf(column) + 1})`;
  if (cell.trim() === '') {
    if (kind === 'level') return NaN;
    throw new RunFolderError(`${where} is empty, but a run always writes a number there ${place}`, EDITED);
  }
  const value = Number(cell);
  if (Number.isNaN(value)) throw new RunFolderError(`${where} is ${JSON.stringify(cell)}, not a number ${place}`, EDITED);
  if (!Number.isFinite(value)) throw new RunFolderError(`${where} is ${cell}, not a finite number ${place}`, EDITED);
  // every column a run writes holds counts, rates, levels or latencies: none is negative
  if (value < 0) throw new RunFolderError(`${where} is ${cell}, below 0 ${place}`, EDITED);
  if (kind === 'count' && !Number.isInteger(value)) throw new RunFolderError(`${where} is ${cell}, not a whole number: it counts ${place}`, EDITED);
  return value;
}
