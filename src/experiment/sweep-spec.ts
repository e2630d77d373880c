/**
 * What `sweep --set` says: a scenario path and the values to give it, as a
 * list (`integration.memory=128MB,512MB,1GB`) or a range
 * (`load.rate=500/s..5000/s:10`, evenly spaced; `cost.monthlyRequests=1M..10B:13:log`,
 * evenly spaced on a log scale); and the grid of every combination.
 *
 * Values are kept as the text a scenario file would hold (each is parsed
 * as a YAML scalar, so `3` is a number and `rest` a string) and the scenario
 * schema checks them, so a sweep accepts exactly what a file does.
 */
import { parse as parseYamlScalar, parseDocument, stringify as stringifyYaml, type Node, type YAMLSeq } from 'yaml';

export interface SweepParameter {
  /** As written: `integration.memory`. */
  name: string;
  path: string[];
  values: unknown[];
  /** The values were spaced on a log scale (a chart's x axis then is too). */
  log: boolean;
}

export class SweepSpecError extends Error {
  override name = 'SweepSpecError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export const MAX_RANGE_POINTS = 1000;
const RANGE = /^(.+?)\.\.(.+?):(\d+)(:log)?$/;
const NUMBER_WITH_UNIT = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([KkMB](?![Bb]))?(.*)$/;
const COUNT_SUFFIX: Record<string, number> = { '': 1, K: 1e3, k: 1e3, M: 1e6, B: 1e9 };

export function parseSetFlag(text: string): SweepParameter {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new SweepSpecError(`--set ${text}: expected path=values`, 'e.g. --set integration.memory=128MB,512MB,1GB or --set load.rate=500/s..5000/s:10');
  const name = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  const path = name.split('.');
  if (path.some((p) => p === '')) throw new SweepSpecError(`--set ${text}: "${name}" is not a scenario path`, 'a path is keys joined by dots, e.g. integration.memory or load.rate');
  const range = FLOW_START.test(spec) ? null : RANGE.exec(spec);
  if (range) return { name, path, ...rangeValues(text, range[1].trim(), range[2].trim(), Number(range[3]), range[4] !== undefined) };
  return { name, path, values: listValues(text, spec), log: false };
}

/** A value that opens a YAML flow mapping or sequence: `{p50: 60ms, p99: 400ms}`, `[5m, 15m]`. */
const FLOW_START = /^[{[]|,\s*[{[]/;

/**
 * `a,b,c` as the items of a YAML flow sequence, so each is read as a
 * scenario file reads a value (`3` a number, `true` a boolean, `rest` a
 * string) and a comma inside braces or brackets (`{p50: 60ms, p99: 400ms}`)
 * stays inside its value.
 */
function listValues(flag: string, spec: string): unknown[] {
  const doc = parseDocument(`[${spec}]`, { prettyErrors: false });
  // (YAML takes a trailing comma in a flow sequence; a list here does not)
  if (doc.errors.length === 0 && !/,\s*$/.test(spec)) return (doc.contents as YAMLSeq).items.map((item) => (item as Node).toJSON());
  if (!FLOW_START.test(spec)) {
    // plain words YAML would not take unquoted (`@x`, a trailing comma): each as written, as before
    const texts = spec.split(',').map((v) => v.trim());
    if (texts.some((v) => v === '')) throw new SweepSpecError(`--set ${flag}: an empty value in the list`, 'separate values with commas, e.g. 128MB,512MB,1GB');
    return texts.map(scalar);
  }
  const reason = doc.errors[0]?.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') ?? 'a trailing comma';
  throw new SweepSpecError(`--set ${flag}: not a list of values as a scenario file writes them (${reason})`, 'give values separated by commas; a mapping in braces is one value, e.g. integration.duration={p50: 60ms, p99: 400ms},{p50: 80ms, p99: 600ms}');
}

/** A value as a scenario file would read it: `3` a number, `true` a boolean, `rest` a string. */
function scalar(text: string): unknown {
  try {
    return parseYamlScalar(text);
  } catch {
    return text;
  }
}

/** A swept value as a scenario file would write it, for labels and messages: `512MB`, `3`, `{p50: 60ms, p99: 400ms}`. */
export function sweptValueText(value: unknown): string {
  return value !== null && typeof value === 'object' ? stringifyYaml(value, { collectionStyle: 'flow', flowCollectionPadding: false }).trim() : String(value);
}

function rangeValues(flag: string, fromText: string, toText: string, points: number, log: boolean): { values: unknown[]; log: boolean } {
  const [from, to] = commonUnit(flag, numberWithUnit(flag, fromText), numberWithUnit(flag, toText));
  if (!(points >= 2 && points <= MAX_RANGE_POINTS)) throw new SweepSpecError(`--set ${flag}: ${points} points`, `a range needs 2 to ${MAX_RANGE_POINTS} points, e.g. :10`);
  if (log && !(from.value > 0 && to.value > 0)) throw new SweepSpecError(`--set ${flag}: a log range needs both ends above 0`, 'e.g. 1M..10B:13:log');
  const at = (i: number) => (log ? from.value * (to.value / from.value) ** (i / (points - 1)) : from.value + ((to.value - from.value) * i) / (points - 1));
  const values = Array.from({ length: points }, (_, i) => {
    const v = Number(at(i).toPrecision(log ? 4 : 6));
    return from.unit === '' ? v : `${v}${from.unit}`;
  });
  return { values, log };
}

interface Written {
  number: number;
  /** A count's multiplier letter (`K`, `M`, `B`) or ''. */
  suffix: string;
  rest: string;
}

/** `500/s` -> 500, '', `/s`; `10B` -> 10, `B`, ''; `512MB` -> 512, '', `MB`. */
function numberWithUnit(flag: string, text: string): Written {
  const match = NUMBER_WITH_UNIT.exec(text);
  if (!match) throw new SweepSpecError(`--set ${flag}: "${text}" is not a number with a unit`, 'a range runs between two numbers in one unit, e.g. 500/s..5000/s:10 or 100ms..2000ms');
  const number = Number(match[1]);
  // 1e400 reads as Infinity, and a range to it would be points of NaN
  if (!Number.isFinite(number)) throw new SweepSpecError(`--set ${flag}: "${text}" is too large a number`, 'a range runs between two finite numbers, e.g. 500/s..5000/s:10');
  return { number, suffix: match[2] ?? '', rest: match[3].trim() };
}

/**
 * Both ends in one unit. The same letter on both is kept as written (so
 * `100B..900B` stays bytes and `1M..9M` stays millions); different count
 * letters (`1M..10B`) are multiplied out, so the range is plain numbers.
 */
function commonUnit(flag: string, from: Written, to: Written): Array<{ value: number; unit: string }> {
  if (from.suffix === to.suffix && from.rest === to.rest) return [from, to].map((w) => ({ value: w.number, unit: `${w.suffix}${w.rest}` }));
  if (from.rest === to.rest) return [from, to].map((w) => ({ value: w.number * COUNT_SUFFIX[w.suffix], unit: w.rest }));
  const unit = (w: Written) => `${w.suffix}${w.rest}` || 'none';
  throw new SweepSpecError(`--set ${flag}: the range's ends are in different units (${unit(from)} and ${unit(to)})`, 'write both ends in the same unit, e.g. 128MB..1024MB or 100ms..2000ms');
}

export interface SweepPoint {
  index: number;
  /** The value of each parameter at this point, in the order of the parameters. */
  values: unknown[];
}

/** Every combination, the first parameter varying slowest. */
export function sweepGrid(parameters: readonly SweepParameter[]): SweepPoint[] {
  let combos: unknown[][] = [[]];
  for (const p of parameters) combos = combos.flatMap((combo) => p.values.map((v) => [...combo, v]));
  return combos.map((values, index) => ({ index, values }));
}
