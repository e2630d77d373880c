/**
 * Reads a template's values as an import needs them: intrinsic functions
 * resolved (./intrinsics.ts), each value with its place (`from`, line), an
 * unresolved one noted with its reason rather than guessed, and a value of
 * the wrong kind (`MemorySize: big`) an error at its line.
 *
 * A SAM resource's property may come from the resource or from `Globals`:
 * `look` takes several bases and the first that has the property wins, which
 * for mappings is SAM's deep merge read leaf by leaf
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
 */
import { formatPath, ScenarioError } from '../scenario/scenario-error.js';
import { describeValue } from '../scenario/units.js';
import type { Note, Valued } from './front-door-model.js';
import { Intrinsics, intrinsicName, type Resolution } from './intrinsics.js';
import type { Json, JsonObject, Segment, TemplateSource } from './template-source.js';

export class PropertyReader {
  readonly intrinsics: Intrinsics;
  constructor(
    readonly source: TemplateSource,
    readonly notes: Note[],
    parameters: Readonly<Record<string, string>> = {},
  ) {
    this.intrinsics = new Intrinsics(source.data, parameters);
  }

  /** The raw value at a path of the template, intrinsics unresolved. */
  raw(path: readonly Segment[]): Json | undefined {
    let v: Json | undefined = this.source.data;
    for (const s of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = Array.isArray(v) ? v[s as number] : Object.hasOwn(v, s) ? v[s as string] : undefined;
    }
    return v;
  }

  /** The first of `bases` + `rel` that is in the template (a resource's property, then its Globals), with its full path. */
  look(bases: ReadonlyArray<readonly Segment[]>, rel: readonly Segment[]): { value: Json; path: Segment[] } | undefined {
    for (const base of bases) {
      const path = [...base, ...rel];
      const value = this.raw(path);
      if (value !== undefined) return { value, path };
    }
    return undefined;
  }

  /** `MyFunction.Properties.MemorySize`: a path as the scenario's comments show it (Resources left out). */
  label(path: readonly Segment[]): string {
    return formatPath(path[0] === 'Resources' ? path.slice(1) : path);
  }

  line(path: readonly Segment[]): number | undefined {
    return this.source.lineOf(path);
  }

  /** The resolved value at a path, or undefined (noted) when an intrinsic in it cannot be resolved. */
  resolved(path: readonly Segment[], value: Json | undefined = this.raw(path)): Valued<Json> | undefined {
    if (value === undefined) return undefined;
    const r: Resolution = this.intrinsics.resolve(value);
    const from = this.label(path);
    if (!r.ok) {
      this.notes.push({ text: `${from}: not resolved (${r.why}); left out`, line: this.line(path) });
      return undefined;
    }
    if (r.value === null && intrinsicName(value) !== null) return undefined; // Ref AWS::NoValue
    return { value: r.value, from: from + (intrinsicName(value) ? ` (${intrinsicName(value)} resolved)` : ''), line: this.line(path) };
  }

  number(path: readonly Segment[], value?: Json, options: { min?: number; whole?: boolean } = {}): Valued<number> | undefined {
    const v = this.resolved(path, value ?? this.raw(path));
    if (!v) return undefined;
    const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' && /^\s*-?\d*\.?\d+\s*$/.test(v.value) ? Number(v.value) : NaN;
    if (!Number.isFinite(n) || (options.whole && !Number.isInteger(n))) this.fail(path, `${describeValue(v.value)} is not ${options.whole ? 'a whole number' : 'a number'}`, 'CloudFormation takes a number here, e.g. 512');
    if (options.min !== undefined && n < options.min) this.fail(path, `${n} is below ${options.min}`, 'check the value against the property\'s documented range');
    return { ...v, value: n };
  }

  string(path: readonly Segment[], value?: Json): Valued<string> | undefined {
    const v = this.resolved(path, value ?? this.raw(path));
    if (!v) return undefined;
    if (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean') return { ...v, value: String(v.value) };
    this.fail(path, `expected text, got ${describeValue(v.value)}`, 'CloudFormation takes a string here');
  }

  bool(path: readonly Segment[], value?: Json): Valued<boolean> | undefined {
    const v = this.resolved(path, value ?? this.raw(path));
    if (!v) return undefined;
    if (typeof v.value === 'boolean') return { ...v, value: v.value };
    if (v.value === 'true' || v.value === 'false' || v.value === 'True' || v.value === 'False') return { ...v, value: v.value.toLowerCase() === 'true' };
    this.fail(path, `expected true or false, got ${describeValue(v.value)}`, 'write true or false');
  }

  /** A resource's Condition: false when the condition does not hold with the parameters' values (the resource is not created). */
  created(id: string): boolean {
    const cond = this.raw(['Resources', id, 'Condition']);
    if (typeof cond !== 'string') return true;
    const r = this.intrinsics.condition(cond);
    if (!r.ok) {
      this.notes.push({ text: `${id}.Condition ${cond}: not resolved (${r.why}); the resource is read as created`, line: this.line(['Resources', id, 'Condition']) });
      return true;
    }
    if (!r.value) this.notes.push({ text: `${id}: not created (condition ${cond} is false with these parameters)`, line: this.line(['Resources', id]) });
    return r.value;
  }

  note(path: readonly Segment[], text: string): void {
    this.notes.push({ text: `${this.label(path)}: ${text}`, line: this.line(path) });
  }

  fail(path: readonly Segment[], message: string, hint: string): never {
    throw new ScenarioError(this.source.file, [{ path: formatPath(path), line: this.line(path), message, hint }]);
  }
}

export function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** A scalar or short list as a comment shows it: `python3.12`, `[x86_64]`, `{...}`. */
export function shortValue(value: Json | undefined): string {
  if (value === undefined) return '';
  const name = intrinsicName(value as Json);
  if (name) return `(${name})`;
  if (Array.isArray(value)) return value.length <= 3 && value.every((v) => v === null || typeof v !== 'object') ? `[${value.join(', ')}]` : `(a list of ${value.length})`;
  if (value !== null && typeof value === 'object') return '(a mapping)';
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
