/**
 * Parses a scenario's text (YAML or JSON; JSON is parsed as YAML 1.2 so its
 * lines are known too), validates it and turns every problem into a
 * `ScenarioError` naming the file, the path and the line, with a hint.
 * Pure: it is given text, never a path to read, so the CLI (through
 * ./loader.ts, which reads files) and the browser playground (web/) parse
 * alike.
 */
import { closest, distance } from 'fastest-levenshtein';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { documentData, documentProblems, flowNestingProblem, MAX_NESTING } from './safe-yaml.js';
import { requiredHint } from './required-hints.js';
import { queueOnlyKeyHint } from './queue-schema.js';
import { formatPath, ScenarioError, type ScenarioProblem } from './scenario-error.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { describeValue } from './units.js';
import { PARSED_ONCE } from '../catalog/parse-once.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** The file's text as read (a sweep or a shard parses it again with its overrides). */
  text: string;
  /** The file's content as parsed, before defaults: echoed in run.json so a run can be repeated. */
  raw: unknown;
  /** An error about the value at `path`, for checks made after loading (e.g. a Region with no price table). */
  problemAt(path: ReadonlyArray<PropertyKey>, message: string, hint: string): ScenarioError;
}

export function parseScenario(text: string, file: string): Scenario {
  return parseScenarioText(text, file).scenario;
}

/** A value put in place of the file's (a sweep point's `--set integration.memory=512MB`). */
export interface Override {
  path: readonly string[];
  value: unknown;
  /** How the user gave it, for errors: `--set integration.memory=512MB`. */
  given: string;
}

export function parseScenarioText(text: string, file: string, overrides: readonly Override[] = []): LoadedScenario {
  const parsed = parseYaml(text, file, { message: 'expected a mapping of scenario fields', hint: 'start with name:, duration:, load:, api: and integration:' });
  const { doc, lineCounter } = parsed;
  const data = overrides.length === 0 ? parsed.data : override(doc, file, overrides);
  const result = scenarioSchema.safeParse(data, { ...PARSED_ONCE, reportInput: true }); // the input tells a missing field from a wrong one
  if (result.success) {
    const problemAt = (path: ReadonlyArray<PropertyKey>, message: string, hint: string) =>
      new ScenarioError(file, [{ path: formatPath(path), line: lineOf(doc, lineCounter, path, false), message, hint }]);
    return { scenario: result.data, text, raw: data, problemAt };
  }
  const error = validationError(result.error.issues, file, doc, lineCounter, data, scenarioSchema);
  throw overrides.length === 0 ? error : blameOverrides(error, overrides);
}

/** The document with each override set (creating the mappings on its path), as data. */
function override(doc: Document, file: string, overrides: readonly Override[]): unknown {
  for (const o of overrides) {
    try {
      doc.setIn(o.path, doc.createNode(o.value));
    } catch {
      throw new ScenarioError(file, [{ path: o.path.join('.'), message: `${o.given}: a part of this path holds a value, not a mapping`, hint: 'set a field inside a mapping, e.g. integration.memory' }]);
    }
  }
  const result = documentData(doc, new LineCounter());
  if ('problem' in result) throw new ScenarioError(file, [{ ...result.problem, line: undefined }]);
  return result.data;
}

/**
 * A problem at or under an overridden path (or at a key on its way) is the
 * override's: say so, and drop the file's line (the value is not in the
 * file). The file itself is checked first, without overrides.
 */
function blameOverrides(error: ScenarioError, overrides: readonly Override[]): ScenarioError {
  const problems = error.problems.map((p) => {
    const under = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
    // both ways: `lamda.memory` is refused as the unknown key `lamda`
    const o = overrides.find((candidate) => under(p.path, candidate.path.join('.')) || under(candidate.path.join('.'), p.path));
    return o ? { ...p, line: undefined, message: `${p.message} (from ${o.given})` } : p;
  });
  return new ScenarioError(error.file, problems);
}

/**
 * Checks any YAML or JSON document against a schema, with the same errors
 * as a scenario's: file, path, line and hint (e.g. a `--prices` table).
 */
export function parseDocumentText<T>(text: string, file: string, schema: z.ZodType<T>, notAMapping: { message: string; hint: string }): T {
  const { doc, lineCounter, data } = parseYaml(text, file, notAMapping);
  const result = schema.safeParse(data, { ...PARSED_ONCE, reportInput: true });
  if (result.success) return result.data;
  throw validationError(result.error.issues, file, doc, lineCounter, data, schema);
}

/** Problems listed at most: each costs a walk of the document for its line, so a file with 20,000 mistakes stays linear to check. */
export const MAX_PROBLEMS = 100;

function validationError(issues: Issue[], file: string, doc: Document, lineCounter: LineCounter, data: unknown, schema: unknown): ScenarioError {
  const problems: ScenarioProblem[] = [];
  let total = 0;
  for (const issue of issues) {
    const count = issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
    const room = MAX_PROBLEMS - problems.length;
    if (room > 0) problems.push(...toProblems(issue.code === 'unrecognized_keys' ? { ...issue, keys: issue.keys.slice(0, room) } : issue, doc, lineCounter, data, schema as ZodLike).slice(0, room));
    total += count;
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (total > problems.length) problems.push({ path: '', message: `and ${(total - problems.length).toLocaleString('en-US')} more problems`, hint: `only the first ${MAX_PROBLEMS} are listed: fix these and check again` });
  return new ScenarioError(file, problems);
}

/**
 * The document and its data, held to safe-yaml.ts's limits (nesting, tags,
 * aliases). The YAML 1.1 types (`!!binary`, `!!timestamp`, `!!set`...) are
 * not resolved, so their tags are refused like any unknown one.
 */
function parseYaml(text: string, file: string, notAMapping: { message: string; hint: string }): { doc: Document; lineCounter: LineCounter; data: unknown } {
  const deep = flowNestingProblem(text);
  if (deep) throw new ScenarioError(file, [deep]);
  const lineCounter = new LineCounter();
  // keys are checked unique below, in one pass: the parser's own check compares every pair of keys of a mapping
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true, resolveKnownTags: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.map((e) => {
        const line = e.linePos?.[0].line;
        // block nesting the flow count does not see: the parser ran out of stack
        if (e.message.startsWith('Maximum call stack size exceeded')) return { path: '', line, message: `nested more than ${MAX_NESTING} levels deep`, hint: 'check the indentation' };
        return {
          path: '',
          line,
          message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
          hint: 'the file is not valid YAML/JSON; check indentation, colons and quotes around this line',
        };
      }),
    );
  }
  const repeated = repeatedKeys(doc, lineCounter);
  if (repeated.length > 0) throw new ScenarioError(file, repeated);
  const problems = documentProblems(doc, lineCounter);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const result = documentData(doc, lineCounter);
  if ('problem' in result) throw new ScenarioError(file, [result.problem]);
  const data = result.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ScenarioError(file, [{ path: '', line: 1, ...notAMapping }]);
  return { doc, lineCounter, data };
}

/** A key given twice in one mapping, at its second place (as the parser's uniqueKeys says it), found with a set per mapping: linear in the keys. */
function repeatedKeys(doc: Document, lines: LineCounter): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? `${typeof pair.key.value}:${String(pair.key.value)}` : pair.key;
        if (seen.has(key) && problems.length < MAX_PROBLEMS) {
          const at = (pair.key as Node | null)?.range?.[0];
          problems.push({ path: '', line: at === undefined ? undefined : lines.linePos(at).line, message: 'Map keys must be unique', hint: 'the file is not valid YAML/JSON; check indentation, colons and quotes around this line' });
        }
        seen.add(key);
      }
    },
  });
  return problems;
}

type Issue = z.core.$ZodIssue;

function toProblems(issue: Issue, doc: Document, lines: LineCounter, data: unknown, root: ZodLike): ScenarioProblem[] {
  const hint = (issue as { params?: { hint?: string } }).params?.hint;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path, data, root);
    return issue.keys.map((key) => {
      const suggestion = known.length > 0 ? closest(key, known) : undefined;
      const near = suggestion && isNear(key, suggestion);
      return {
        path: formatPath([...issue.path, key]),
        line: lineOf(doc, lines, [...issue.path, key], true),
        message: `unknown key "${key}"`,
        hint: near ? `did you mean "${suggestion}"?` : (queueOnlyKeyHint(key) ?? (known.length > 0 ? `known keys here: ${known.join(', ')}` : undefined)),
      };
    });
  }
  const path = formatPath(issue.path);
  const line = lineOf(doc, lines, issue.path, false);
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ path, line, message: 'is required', hint: requiredHint(issue.path) ?? `add ${String(issue.path[issue.path.length - 1])}: (${issue.expected})` }];
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // report the branch the input came closest to (fewest unknown keys, then fewest problems)
    const score = (branch: Issue[]) => branch.filter((i) => i.code === 'unrecognized_keys').length * 1000 + branch.length;
    const best = [...issue.errors].sort((x, y) => score(x) - score(y))[0];
    return best.flatMap((inner) => toProblems({ ...inner, path: [...issue.path, ...inner.path] } as Issue, doc, lines, data, root));
  }
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return [{ path, line, message: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, hint: 'the type decides which other fields apply' }];
  }
  return [{ path, line, message: cleanMessage(issue), hint: hint ?? defaultHint(issue) }];
}

function cleanMessage(issue: Issue): string {
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid')) return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && isNumberRange(issue.origin)) {
    const given = typeof issue.input === 'number' ? `${issue.input} is ` : '';
    return `${given}too ${issue.code === 'too_small' ? 'small' : 'large'}: it must be ${rangeText(issue)}`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'array') {
    return `${issue.code === 'too_small' ? 'too few' : 'too many'} entries: it takes ${rangeText(issue)}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return `${JSON.stringify(issue.input)} is not a whole number`;
  if (issue.code === 'invalid_type') return `expected ${article(issue.expected)}, got ${describeInput(issue.input)}`;
  return issue.message;
}

function isNumberRange(origin: string): boolean {
  return origin === 'number' || origin === 'int' || origin === 'bigint';
}

/** "1 or more", "above 0", "at most 100", "below 1" (for numbers), or "at least 1" (entries of a list). */
function rangeText(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') return `${small ? 'at least' : 'at most'} ${bound}`;
  if (issue.inclusive === false) return `${small ? 'above' : 'below'} ${bound}`;
  return small ? `${bound} or more` : `at most ${bound}`;
}

/** What to do about a problem the schema gave no hint for (undefined: the message says it all). */
function defaultHint(issue: Issue): string | undefined {
  if ((issue.code === 'too_small' || issue.code === 'too_big') && isNumberRange(issue.origin)) return "docs/scenario-reference.md gives each field's range (docs/costs.md for a price table)";
  if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
    const options = issue.values.filter((v): v is string => typeof v === 'string');
    const suggestion = options.length > 0 ? closest(issue.input, options) : undefined;
    if (suggestion !== undefined && isNear(issue.input, suggestion)) return `did you mean "${suggestion}"?`;
  }
  if (issue.code === 'invalid_value') return 'write one of them exactly as shown';
  if (issue.code === 'too_small' && issue.origin === 'array') return 'add an entry';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'write a whole number, e.g. 3';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'write a plain number, e.g. 3 or 0.5 (no unit, no quotes)';
  return undefined;
}

function article(expected: string): string {
  const names: Record<string, string> = { number: 'a number', string: 'text', boolean: 'true or false', object: 'a mapping of fields', array: 'a list', int: 'a whole number' };
  return names[expected] ?? expected;
}

function describeInput(input: unknown): string {
  return describeValue(input); // 1e400 and .nan in words (JSON.stringify gives "null")
}

/** A suggestion is worth making when one word contains the other or few edits separate them (a third of the longer). */
function isNear(word: string, candidate: string): boolean {
  const a = word.toLowerCase();
  const b = candidate.toLowerCase();
  return a.includes(b) || b.includes(a) || distance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

/** Line of the node at `path` (of its key when `atKey`), or of the nearest ancestor that exists. */
function lineOf(doc: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>, atKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      const keyNode = pair.key as Node;
      const last = i === path.length - 1;
      offset = (last && atKey ? keyNode.range?.[0] : ((pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0])) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** Keys the schema allows for the object at `path` (for did-you-mean). */
function knownKeysAt(path: ReadonlyArray<PropertyKey>, data: unknown, root: ZodLike): string[] {
  let schema: ZodLike | undefined = root;
  let value: unknown = data;
  for (const segment of path) {
    schema = objectSchema(schema, value);
    if (!schema) return [];
    value = (value as Record<PropertyKey, unknown> | undefined)?.[segment as string];
    schema = schema._zod.def.shape?.[segment as string];
  }
  const obj = objectSchema(schema, value);
  return obj?._zod.def.shape ? Object.keys(obj._zod.def.shape) : [];
}

interface ZodLike {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ZodLike>;
      innerType?: ZodLike;
      in?: ZodLike;
      options?: ZodLike[];
      discriminator?: string;
    };
  };
}

/** Unwraps optional/default/pipe and picks the union member matching the data. */
function objectSchema(schema: ZodLike | undefined, value: unknown): ZodLike | undefined {
  while (schema) {
    const def = schema._zod.def;
    if (def.type === 'object') return schema;
    if (def.innerType) schema = def.innerType;
    else if (def.type === 'pipe' && def.in) schema = def.in;
    else if (def.type === 'union' && def.options) {
      const tag = def.discriminator ? (value as Record<string, unknown> | undefined)?.[def.discriminator] : undefined;
      schema = def.options.find((o) => {
        const shape = objectSchema(o, value)?._zod.def.shape;
        const literal = def.discriminator ? (shape?.[def.discriminator] as unknown as { _zod: { def: { values?: unknown[] } } })?._zod.def.values : undefined;
        return literal ? literal.includes(tag) : shape !== undefined;
      });
    } else return undefined;
  }
  return undefined;
}
