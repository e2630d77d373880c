/**
 * Reads a template the user names (a CloudFormation or SAM template, or an
 * OpenAPI 3 definition; YAML or JSON) into plain data, keeping every node's
 * line so that what is imported, and every error, can say where it came from.
 *
 * CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub ...`,
 * `!If [...]`...) are read as the long forms they stand for (`{Ref: X}`,
 * `{'Fn::GetAtt': [A, B]}`): the document is walked node by node rather than
 * given custom tags, because a collection tag of the `yaml` library turns its
 * value into one opaque scalar and the lines inside it would be lost. The
 * limits of scenario files hold here too (nesting, alias expansion; see
 * scenario/safe-yaml.ts); any other tag is refused with its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DOCUMENT_MAX_BYTES } from '../io/input-file.js';
import { readDocumentFile } from '../scenario/loader.js';
import { flowNestingProblem, MAX_ALIAS_COUNT, MAX_NESTING } from '../scenario/safe-yaml.js';
import { formatPath, ScenarioError, type ScenarioProblem } from '../scenario/scenario-error.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Segment = string | number;

/** A template's data, and the line of each value in it. */
export interface TemplateSource {
  file: string;
  data: JsonObject;
  /** The 1-based line of the value at `path` (or of its nearest ancestor). */
  lineOf(path: readonly Segment[]): number | undefined;
}

/** CloudFormation's short-form tags, each with the long form it stands for. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!FindInMap': 'Fn::FindInMap',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
};

const HINT_TEMPLATE = 'give a CloudFormation or SAM template (.yaml or .json) or an OpenAPI 3 definition';

export function readTemplateFile(file: string): TemplateSource {
  return parseTemplateText(readDocumentFile(file, HINT_TEMPLATE, `a template (at most ${DOCUMENT_MAX_BYTES / 1024 ** 2} MiB)`), file);
}

export function parseTemplateText(text: string, file: string): TemplateSource {
  const deep = flowNestingProblem(text);
  if (deep) throw new ScenarioError(file, [deep]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, resolveKnownTags: false, uniqueKeys: false }); // repeated keys are found below, with a set per mapping
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ScenarioError(file, [
      {
        path: '',
        line: e.linePos?.[0].line,
        message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
        hint: 'the file is not valid YAML/JSON; check indentation, colons and quotes around this line',
      },
    ]);
  }
  const where = new Map<string, number>();
  const walker = new Walker(doc, lines, file, where);
  const data = walker.toJson(doc.contents as Node | null, [], 0);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError(file, [{ path: '', line: 1, message: 'is not a template: expected a mapping (Resources:, or openapi: 3...)', hint: HINT_TEMPLATE }]);
  }
  return {
    file,
    data,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const line = where.get(keyOf(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}

function keyOf(path: readonly Segment[]): string {
  return path.map(String).join('\u0000');
}

/** Turns the document into data: short forms into long forms, aliases expanded (at most MAX_ALIAS_COUNT), lines recorded by path. */
class Walker {
  private aliases = 0;
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
    private readonly where: Map<string, number>,
  ) {}

  toJson(node: Node | null, path: Segment[], depth: number): Json {
    if (node === null || node === undefined) return null;
    if (depth > MAX_NESTING) this.fail(node, path, `nested more than ${MAX_NESTING} levels deep`, 'check the brackets and the indentation');
    const line = node.range ? this.lines.linePos(node.range[0]).line : undefined;
    if (line !== undefined && !this.where.has(keyOf(path))) this.where.set(keyOf(path), line);
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIAS_COUNT) this.fail(node, path, `more than ${MAX_ALIAS_COUNT} aliases`, 'write the values out');
      return this.toJson(node.resolve(this.doc) ?? null, path, depth + 1);
    }
    const value = this.plain(node, path, depth);
    const tag = node.tag;
    if (tag === undefined || tag === '!' || tag.startsWith('tag:yaml.org,2002:')) return value;
    const long = SHORT_FORMS[tag];
    if (!long) this.fail(node, path, `the YAML tag ${tag} is not a CloudFormation function`, `use one of ${Object.keys(SHORT_FORMS).join(', ')}, or the long form ({"Fn::...": ...})`);
    if (long === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      return { [long]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [long]: value };
  }

  private plain(node: Node, path: Segment[], depth: number): Json {
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v : String(node.source ?? v);
      if (typeof v === 'bigint') return Number(v);
      return String(v);
    }
    if (isSeq(node)) return node.items.map((item, i) => this.toJson(item as Node | null, [...path, i], depth + 1));
    if (isMap(node)) {
      const out: JsonObject = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : null;
        if (key === null) this.fail(keyNode ?? node, path, 'has a key that is not plain text', 'write keys as plain names');
        if (key === '__proto__') this.fail(keyNode ?? node, path, 'has the key "__proto__"', 'rename it');
        if (Object.hasOwn(out, key)) this.fail(keyNode ?? node, [...path, key], 'is given twice in this mapping', 'keep one of them (YAML map keys must be unique)');
        out[key] = this.toJson(pair.value as Node | null, [...path, key], depth + 1);
      }
      return out;
    }
    return null;
  }

  private fail(node: Node, path: Segment[], message: string, hint: string): never {
    const line = node.range ? this.lines.linePos(node.range[0]).line : undefined;
    const problem: ScenarioProblem = { path: formatPath(path), line, message, hint };
    throw new ScenarioError(this.file, [problem]);
  }
}
