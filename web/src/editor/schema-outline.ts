/**
 * The scenario's JSON Schema (schema/scenario.schema.json, the file editors
 * read) as the playground's editor uses it: which keys a mapping takes,
 * which values a field takes, and each field's description. Pure: the
 * bundle's build outlines the shipped schema once (web/vite.config.ts), and
 * the tests read the same functions in Node.
 */

/** The part of a JSON Schema node the editor reads (validation stays with the CLI's loader). */
export interface SchemaNode {
  description?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
}

/** One step into a document: a mapping's key or a sequence's index. */
export type PathStep = string | number;

const KEPT = ['description', 'type', 'properties', 'patternProperties', 'items', 'anyOf', 'oneOf', 'enum', 'const', 'default'] as const;

/** `schema` with only what completion and hover read (no patterns, bounds or required lists): about two thirds of the shipped file. */
export function outlineSchema(schema: unknown): SchemaNode {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return {};
  const from = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of KEPT) {
    const value = from[key];
    if (value === undefined) continue;
    if (key === 'properties' || key === 'patternProperties') out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, outlineSchema(v)]));
    else if (key === 'anyOf' || key === 'oneOf') out[key] = (value as unknown[]).map(outlineSchema);
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map(outlineSchema) : outlineSchema(value);
    else out[key] = value;
  }
  return out as SchemaNode;
}

/** A node's alternatives, `anyOf`/`oneOf` flattened (the node itself when it has none). */
export function alternatives(node: SchemaNode): SchemaNode[] {
  const choices = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  if (choices.length === 0) return [node];
  // a node with both its own fields and choices (a description beside anyOf) keeps its description on each
  return choices.flatMap((c) => alternatives(node.description && !c.description ? { ...c, description: node.description } : c));
}

/** The values a node allows as they are written: its `enum` and `const` values, and true/false for a boolean. */
export function valuesOf(node: SchemaNode): unknown[] {
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  return [...(node.enum ?? []), ...(node.const !== undefined ? [node.const] : []), ...(types.includes('boolean') ? [true, false] : [])];
}

function child(node: SchemaNode, step: PathStep): SchemaNode[] {
  if (typeof step === 'number') {
    if (Array.isArray(node.items)) return node.items[step] ? [node.items[step]] : [];
    return node.items ? [node.items] : [];
  }
  const named = node.properties?.[step];
  if (named) return [named];
  return Object.entries(node.patternProperties ?? {})
    .filter(([pattern]) => new RegExp(pattern, 'u').test(step))
    .map(([, n]) => n);
}

/**
 * The schema nodes that may describe the value at `path`, each alternative
 * apart. `siblings` gives, for a mapping on the path (by its path's length),
 * the scalar values already written in it, so that a discriminated union
 * (`integration.type: lambda`) narrows to the alternatives that allow them.
 */
export function nodesAt(root: SchemaNode, path: readonly PathStep[], siblings: ReadonlyMap<number, Readonly<Record<string, string>>> = new Map()): SchemaNode[] {
  let nodes = narrow(alternatives(root), siblings.get(0));
  path.forEach((step, i) => {
    nodes = narrow(
      nodes.flatMap((n) => child(n, step)).flatMap(alternatives),
      siblings.get(i + 1),
    );
  });
  return nodes;
}

/** The alternatives that allow every written scalar their own enum or const constrains (all of them when none would be left). */
function narrow(nodes: SchemaNode[], written: Readonly<Record<string, string>> | undefined): SchemaNode[] {
  if (!written || nodes.length < 2) return nodes;
  const fits = nodes.filter((n) =>
    Object.entries(written).every(([key, text]) => {
      const field = n.properties?.[key];
      if (!field) return true;
      const allowed = alternatives(field).flatMap(valuesOf);
      return allowed.length === 0 || alternatives(field).some((a) => valuesOf(a).length === 0) || allowed.some((v) => String(v) === text);
    }),
  );
  return fits.length > 0 ? fits : nodes;
}

/** A mapping's keys at `path`, in the schema's order, each with its description (the first alternative that has one). */
export function keysAt(root: SchemaNode, path: readonly PathStep[], siblings?: ReadonlyMap<number, Readonly<Record<string, string>>>): Array<{ key: string; description: string | undefined; node: SchemaNode }> {
  const keys = new Map<string, { key: string; description: string | undefined; node: SchemaNode }>();
  for (const node of nodesAt(root, path, siblings))
    for (const [key, field] of Object.entries(node.properties ?? {})) {
      const known = keys.get(key);
      if (!known) keys.set(key, { key, description: describe(field), node: field });
      else if (!known.description) known.description = describe(field);
    }
  return [...keys.values()];
}

/** The values written at `path` may take (enums, consts, booleans), each once, with the description of the field or of the value's alternative. */
export function valuesAt(root: SchemaNode, path: readonly PathStep[], siblings?: ReadonlyMap<number, Readonly<Record<string, string>>>): Array<{ value: unknown; description: string | undefined }> {
  const values = new Map<string, { value: unknown; description: string | undefined }>();
  for (const node of nodesAt(root, path, siblings)) for (const value of valuesOf(node)) if (!values.has(String(value))) values.set(String(value), { value, description: node.description });
  return [...values.values()];
}

/** The description of the field at `path` (the first alternative that has one). */
export function descriptionAt(root: SchemaNode, path: readonly PathStep[], siblings?: ReadonlyMap<number, Readonly<Record<string, string>>>): string | undefined {
  for (const node of nodesAt(root, path, siblings)) if (node.description) return node.description;
  return undefined;
}

function describe(field: SchemaNode): string | undefined {
  return field.description ?? alternatives(field).find((a) => a.description)?.description;
}

/**
 * The outline as the source of an ES module whose default export it is,
 * each subtree written more than once in the schema (a distribution's
 * forms, a duration's pattern of alternatives) written once as a constant
 * and referred to: the editor's chunk carries about half the bytes of the
 * plain JSON. The outline is only read, so shared subtrees are safe.
 */
export function outlineModule(outline: SchemaNode, minChars = 120): string {
  const counts = new Map<string, number>();
  const count = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const text = JSON.stringify(value);
    if (text.length >= minChars) counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const child of Object.values(value)) count(child);
  };
  count(outline);
  const names = new Map<string, string>();
  const constants: string[] = [];
  const write = (value: unknown): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const text = JSON.stringify(value);
    const named = names.get(text);
    if (named) return named;
    const body = Array.isArray(value) ? `[${value.map(write).join(',')}]` : `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
    if ((counts.get(text) ?? 0) < 2) return body;
    const name = `s${names.size}`;
    names.set(text, name);
    constants.push(`const ${name}=${body};`);
    return name;
  };
  const root = write(outline);
  return `${constants.join('\n')}\nexport default ${root};\n`;
}
