/**
 * Terminal tables and text that fit in TERMINAL_COLUMNS (100) columns, so a
 * summary reads in an 80–100 column terminal without the terminal's own
 * wrapping breaking the boxes. Nothing is dropped: a table first wraps the
 * words of its text columns (the labels; cli-table3's wordWrap), and when it
 * is still too wide it is cut into several tables, one under the other, each
 * repeating the leading (label) columns. Widths are measured without ANSI
 * colour codes.
 */
import Table from 'cli-table3';

export const TERMINAL_COLUMNS = 100;

export type Align = 'left' | 'right';

export interface TableSpec {
  head: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string>>;
  /** Each column's alignment (default: the first left, the others right). */
  colAligns?: readonly Align[];
  /** Columns whose words may wrap onto more lines (default: the first). */
  wrap?: readonly number[];
  /** How many leading columns every part repeats when the table is cut (default 1). */
  keep?: number;
}

/** The narrowest a wrapped column gets, unless one of its words is wider. */
const MIN_WRAPPED_WIDTH = 12;

const ANSI = /\u001b\[[0-9;]*m/g;

/** The columns a line takes on a terminal: its characters, colour codes left out. */
export function displayWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

const cellWidth = (cell: string) => Math.max(0, ...cell.split('\n').map(displayWidth));
const longestWord = (cell: string) => Math.max(0, ...cell.split(/\s+/).map(displayWidth));
/** A table's width: its columns' contents, a space of padding either side of each, and the borders. */
const tableWidth = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w + 2, 0) + widths.length + 1;

export function renderTable(spec: TableSpec, maxWidth = TERMINAL_COLUMNS): string {
  const columns = spec.head.length;
  const aligns = spec.colAligns ?? spec.head.map((_, i): Align => (i === 0 ? 'left' : 'right'));
  const all = [spec.head, ...spec.rows];
  const natural = spec.head.map((_, col) => Math.max(...all.map((row) => cellWidth(row[col] ?? ''))));
  const widths = shrink(natural, all, spec.wrap ?? [0], maxWidth);
  if (tableWidth(widths) <= maxWidth || columns <= (spec.keep ?? 1) + 1) return draw(spec.head, spec.rows, aligns, widths, natural);
  return cut(spec, aligns, natural, maxWidth);
}

/** Narrows the wrappable columns, the widest first, until the table fits or each is down to its longest word. */
function shrink(natural: readonly number[], all: ReadonlyArray<ReadonlyArray<string>>, wrap: readonly number[], maxWidth: number): number[] {
  const widths = [...natural];
  const floor = new Map(wrap.map((col) => [col, Math.min(natural[col], Math.max(MIN_WRAPPED_WIDTH, ...all.map((row) => longestWord(row[col] ?? ''))))]));
  while (tableWidth(widths) > maxWidth) {
    const candidates = wrap.filter((col) => widths[col] > (floor.get(col) as number));
    if (candidates.length === 0) break;
    const widest = candidates.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    widths[widest] -= 1;
  }
  return widths;
}

/** The table as several, each the kept columns and as many of the others as fit at their own widths (each part then fitted as a table of its own). */
function cut(spec: TableSpec, aligns: readonly Align[], natural: readonly number[], maxWidth: number): string {
  const keep = spec.keep ?? 1;
  const kept = [...Array(keep).keys()];
  const parts: number[][] = [];
  let part: number[] = [];
  for (let col = keep; col < spec.head.length; col++) {
    if (part.length > 0 && tableWidth([...kept, ...part, col].map((c) => natural[c])) > maxWidth) {
      parts.push(part);
      part = [];
    }
    part.push(col);
  }
  parts.push(part);
  const wrapped = new Set(spec.wrap ?? [0]);
  return parts
    .map((cols) => {
      const columns = [...kept, ...cols];
      const pick = <T>(row: readonly T[]) => columns.map((c) => row[c]);
      const wrap = columns.flatMap((c, i) => (wrapped.has(c) ? [i] : []));
      return renderTable({ head: pick(spec.head), rows: spec.rows.map((row) => pick(row.map((cell) => cell ?? ''))), colAligns: pick(aligns), wrap, keep }, maxWidth);
    })
    .join('\n');
}

function draw(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, aligns: readonly Align[], widths: readonly number[], natural: readonly number[]): string {
  const narrowed = widths.some((w, i) => w < natural[i]);
  const table = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
    colAligns: [...aligns],
    ...(narrowed ? { colWidths: widths.map((w) => w + 2), wordWrap: true } : {}),
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

/**
 * A paragraph broken at spaces into lines of at most `maxWidth` columns
 * (a word wider than that keeps its own line), the lines after the first
 * indented by `indent`. Line breaks already in the text are kept.
 */
export function wrapText(text: string, maxWidth = TERMINAL_COLUMNS, indent = ''): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line === '' ? word : `${line} ${word}`;
        const prefix = lines.length === 0 ? '' : indent;
        if (line !== '' && displayWidth(prefix + candidate) > maxWidth) {
          lines.push(prefix + line);
          line = word;
        } else line = candidate;
      }
      lines.push((lines.length === 0 ? '' : indent) + line);
      return lines.join('\n');
    })
    .join('\n');
}
