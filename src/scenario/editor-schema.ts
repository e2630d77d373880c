/**
 * The JSON Schema editors use (schema/scenario.schema.json, written by
 * `npm run schema`): the scenario definition that validates (./schema.ts),
 * as JSON Schema draft-07 (what the YAML language server and VS Code
 * support), with an `$id`, a title, and each field's description taken from
 * the scenario reference (docs/scenario-reference.md): the "meaning" and
 * "default" columns of its field tables, which are written for people. A
 * field the reference has no row for keeps the definition's own short
 * description.
 *
 * Pure: the reference's text comes in as a string (the script reads it).
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** Where the schema is published with the package (the npm package ships schema/). */
export const EDITOR_SCHEMA_ID = 'https://unpkg.com/apigw-sim/schema/scenario.schema.json';

type JsonSchema = { [key: string]: unknown };

/** A field's row in the reference: what it means and its default, as written there. */
export interface ReferenceField {
  meaning: string;
  default?: string;
  /** The section it is documented in (for the schema's text: "see ..."). */
  section: string;
}

export function editorSchema(referenceMarkdown: string): JsonSchema {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as JsonSchema;
  const fields = referenceFields(referenceMarkdown);
  describe(generated, [], fields);
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: EDITOR_SCHEMA_ID,
    title: 'apigw-sim scenario',
    description: 'A scenario for apigw-sim: the workload, the clients, the front door (API Gateway REST, HTTP or WebSocket API, ALB, Lambda function URL, or EventBridge) and its integration. Every field: docs/scenario-reference.md.',
    ...rest,
  };
}

/**
 * The reference's field tables, by dotted path: `load.rate`,
 * `clients.retry.backoff`, `integration[type=http].servers` (a section
 * titled `integration: {type: http}` holds the fields of that branch).
 */
export function referenceFields(markdown: string): Map<string, ReferenceField> {
  const fields = new Map<string, ReferenceField>();
  // before the first section: the units and the forms of a distribution
  let section: string | null = 'Scenario reference';
  let prefix = '#';
  let columns: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const heading = /^## (.*)$/.exec(line);
    if (heading) {
      section = heading[1].trim();
      prefix = sectionPrefix(section);
      columns = null;
      continue;
    }
    if (section === null || !line.startsWith('|')) {
      columns = null;
      continue;
    }
    const cells = tableCells(line);
    if (columns === null) {
      columns = cells[0] === 'field' || cells[0] === 'effect' || cells[0] === 'form' ? cells : [];
      continue;
    }
    if (columns[0] === 'form') {
      // a distribution's forms (`{p50: 80ms, p99: 400ms}`): each key, wherever a distribution is given
      for (const key of [...cells[0].matchAll(/[{,]\s*(\w+):/g)].map((m) => m[1]).filter((k) => k !== 'mu' && k !== 'sigma')) {
        if (!fields.has(`${DISTRIBUTION}.${key}`)) fields.set(`${DISTRIBUTION}.${key}`, { meaning: `a distribution: ${cleanMarkdown(cells[1])}, e.g. ${cells[0]}`, section });
      }
      continue;
    }
    if (columns.length === 0 || cells.every((c) => /^-+$/.test(c))) continue;
    const cell = (name: string) => cells[columns!.indexOf(name)];
    const meaning = cleanMarkdown(cell('meaning') ?? '');
    const given = cell('default');
    const on = cell('on') ?? cell('for');
    for (const key of fieldKeys(cells[0])) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      fields.set(path, {
        meaning: on === undefined || on === 'any' ? meaning : `(${cleanMarkdown(on)}) ${meaning}`,
        default: given === undefined ? undefined : cleanMarkdown(given),
        section,
      });
    }
  }
  return fields;
}

/** `Top level` -> ''; `` `load` `` -> `load`; `` `integration: {type: http}` `` -> `integration[type=http]`; `` `api` (front door) `` -> `api`. */
function sectionPrefix(title: string): string {
  if (/^top level$/i.test(title)) return '';
  const code = /`([^`]+)`/.exec(title)?.[1];
  if (code === undefined) return '#'; // a section of no fields (Limits): its tables' first column is no field
  const branch = /^(\w+):\s*\{\s*type:\s*([\w-]+)\s*\}$/.exec(code);
  return branch ? `${branch[1]}[type=${branch[2]}]` : code;
}

/** A row's cells, with `\|` (a pipe inside a cell) kept. */
function tableCells(line: string): string[] {
  return line
    .replace(/^\||\|\s*$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** `` `rate` `` -> rate; `` `virtualUsers`, `thinkTime` `` -> both; `` `errorRate: 0.9` `` -> errorRate. */
function fieldKeys(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].split(':')[0].trim()).filter((k) => /^[\w.$*]+$/.test(k));
}

/** Text for a hover: links become their words, emphasis marks go; code spans keep their backticks. */
function cleanMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .trim();
}

const NO_DEFAULT = new Set(['', '–', '-', 'none']);

/** The description a field gets: the reference's meaning and default, or the definition's own when the reference has no row. */
function descriptionOf(field: ReferenceField | undefined, own: unknown): string | undefined {
  if (!field) return typeof own === 'string' ? own : undefined;
  const given = field.default;
  const tail = given === undefined || NO_DEFAULT.has(given) ? '' : given === 'required' || given.startsWith('required') ? ` (${given})` : ` Default: ${given}.`;
  const sentence = field.meaning.endsWith('.') || tail === '' || tail.startsWith(' (') ? field.meaning : `${field.meaning}.`;
  return `${sentence}${tail}`;
}

/** Walks the schema, giving each property the description of its dotted path (branches of a union by their `type`). */
function describe(node: JsonSchema, path: string[], fields: Map<string, ReferenceField>): void {
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    for (const [key, child] of Object.entries(properties)) {
      const childPath = [...path, key];
      const field = lookup(childPath, fields);
      const text = descriptionOf(field, child.description);
      if (text !== undefined) child.description = text;
      describe(child, childPath, fields);
    }
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[keyword] as JsonSchema[] | undefined;
    for (const branch of branches ?? []) describe(branch, withBranch(path, branch), fields);
  }
  const items = node.items;
  if (Array.isArray(items)) for (const item of items as JsonSchema[]) describe(item, path, fields);
  else if (items && typeof items === 'object') describe(items as JsonSchema, path, fields);
}

/** A union branch told apart by a constant `type` (`integration` with type http): its path names it, `integration[type=http]`. */
function withBranch(path: string[], branch: JsonSchema): string[] {
  const type = (branch.properties as Record<string, JsonSchema> | undefined)?.type?.const;
  if (typeof type !== 'string' || path.length === 0) return path;
  return [...path.slice(0, -1), `${path[path.length - 1]}[type=${type}]`];
}

/** The reference's row for a path: `integration[type=http].servers`, else `integration.servers`, else a distribution's form (`p50`, `mean`...). */
function lookup(path: string[], fields: Map<string, ReferenceField>): ReferenceField | undefined {
  const exact = fields.get(path.join('.'));
  if (exact) return exact;
  return fields.get(path.map((p) => p.replace(/\[type=[^\]]+\]$/, '')).join('.')) ?? fields.get(`${DISTRIBUTION}.${path[path.length - 1]}`);
}

/** The key the forms of a distribution are kept under (no field is named so). */
const DISTRIBUTION = '#distribution';

/** The paths of every property of a schema, as `describe` names them (for the test that every reference row is a field). */
export function schemaPaths(node: JsonSchema, path: string[] = [], into = new Set<string>()): Set<string> {
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    const childPath = [...path, key];
    into.add(childPath.join('.'));
    into.add(childPath.map((p) => p.replace(/\[type=[^\]]+\]$/, '')).join('.'));
    schemaPaths(child, childPath, into);
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) for (const branch of (node[keyword] as JsonSchema[] | undefined) ?? []) schemaPaths(branch, withBranch(path, branch), into);
  const items = node.items;
  if (Array.isArray(items)) for (const item of items as JsonSchema[]) schemaPaths(item, path, into);
  else if (items && typeof items === 'object') schemaPaths(items as JsonSchema, path, into);
  return into;
}
