/**
 * The playground editor's schema help, in Node: completion of keys and enum
 * values, and hover descriptions, read from the shipped
 * schema/scenario.schema.json (outlined as the bundle's build outlines it)
 * at positions of half-written scenarios.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from '@codemirror/lang-yaml';
import { ensureSyntaxTree, getIndentation } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { schemaCompletions, schemaHoverText } from '../../web/src/editor/schema-assist.js';
import { keysAt, outlineModule, outlineSchema, type SchemaNode } from '../../web/src/editor/schema-outline.js';
import { yamlKeyIndent } from '../../web/src/editor/yaml-indent.js';
import { ROOT } from '../cli/run-cli.js';

const shipped = JSON.parse(readFileSync(join(ROOT, 'schema', 'scenario.schema.json'), 'utf8')) as { properties: Record<string, SchemaNode & { properties?: Record<string, SchemaNode> }> };
const schema = outlineSchema(shipped);

/** The text with its `|` taken out, and the position it marked. */
function at(marked: string): { text: string; pos: number } {
  const pos = marked.indexOf('|');
  return { text: marked.slice(0, pos) + marked.slice(pos + 1), pos };
}
const labels = (marked: string) => {
  const { text, pos } = at(marked);
  return schemaCompletions(schema, text, pos)?.options.map((o) => o.label) ?? [];
};

describe('the outlined schema', () => {
  it('keeps what completion and hover read, and drops what only validation reads', () => {
    expect(keysAt(schema, []).map((k) => k.key)).toEqual(Object.keys(shipped.properties));
    const attempts = (schema.properties?.clients.properties?.retry.properties ?? {}).attempts;
    expect(attempts.description).toBe(shipped.properties.clients.properties?.retry.properties?.attempts.description);
    expect(JSON.stringify(schema)).not.toMatch(/"(pattern|minimum|maximum|required|additionalProperties)"/);
    expect(JSON.stringify(schema).length).toBeLessThan(JSON.stringify(shipped).length * 0.75);
  });

  it('is written for the bundle as a module that gives the same outline, its repeated subtrees once', async () => {
    const code = outlineModule(schema);
    const loaded = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: SchemaNode };
    expect(loaded.default).toEqual(schema);
    expect(code.length).toBeLessThan(JSON.stringify(schema).length * 0.6);
  });
});

describe('completion', () => {
  it.each([
    ['a top-level key on an empty line', 'name: x\n|', ['description', 'seed', 'duration', 'load', 'clients', 'api', 'integration'], ['name']],
    ['a half-typed top-level key', 'name: x\ncli|', ['clients'], []],
    ['a key of a nested mapping, on a blank line under it', 'clients:\n  timeout: 1s\n  |\napi:\n  type: rest\n', ['retry', 'count'], ['timeout', 'type']],
    ['a key written between two keys of a mapping', 'api:\n  end|\n  type: rest\n', ['endpoint'], ['type', 'clients']],
    ['a key on a blank line between two keys', 'clients:\n  count: 5\n  |\n  timeout: 1s\n', ['retry', 'zipf'], ['count', 'timeout']],
    ['a key two levels down', 'clients:\n  retry:\n    attempts: 3\n    ba|', ['backoff', 'budget'], ['attempts', 'count']],
    ['a key inside a flow mapping', 'clients:\n  retry:\n    backoff: { base: 100ms, | }\n', ['cap', 'jitter'], ['base', 'attempts']],
    ['a key of a sequence item', 'load:\n  profile:\n    - for: 1m\n      |\n', ['rate', 'ramp'], ['for', 'profile']],
  ])('offers %s', (_, marked, offered, notOffered) => {
    const got = labels(marked);
    for (const key of offered) expect(got, key).toContain(key);
    for (const key of notOffered) expect(got, key).not.toContain(key);
  });

  it.each([
    ['an enumerated field', 'api:\n  type: |\n', ['rest', 'http', 'websocket', 'alb']],
    ['a half-typed value', 'api:\n  type: re|\n', ['rest']],
    ['a value in a flow mapping', 'clients:\n  retry:\n    backoff: { jitter: | }\n', ['none', 'full', 'equal', 'decorrelated']],
    ['an item of a flow sequence', 'clients:\n  retry:\n    on: [429, |]\n', ['4xx', '5xx', 'timeout']],
  ])('offers the values of %s', (_, marked, values) => {
    expect(labels(marked)).toEqual(expect.arrayContaining(values));
  });

  it('narrows a union by the type written beside the key (a Lambda integration offers memory, an HTTP service its servers)', () => {
    const lambda = labels('integration:\n  type: lambda\n  |\n');
    const http = labels('integration:\n  type: http\n  |\n');
    expect(lambda).toContain('memory');
    expect(http).not.toContain('memory');
    expect(http.length).toBeGreaterThan(0);
  });

  it('writes a key with its colon, and opens an indented line under a key whose value is a mapping', () => {
    const { text, pos } = at('clients:\n  |\n');
    const options = schemaCompletions(schema, text, pos)?.options ?? [];
    expect(options.find((o) => o.label === 'timeout')?.apply).toBe('timeout: ');
    expect(options.find((o) => o.label === 'retry')?.apply).toBe('retry:\n    ');
    expect(options.find((o) => o.label === 'retry')?.description).toBe(shipped.properties.clients.properties?.retry.description);
  });

  it('offers nothing in a comment or for a field without a fixed set of values', () => {
    expect(labels('# cli|\nname: x\n')).toEqual([]);
    expect(labels('duration: |\n')).toEqual([]);
  });
});

describe('hover', () => {
  const hover = (marked: string) => {
    const { text, pos } = at(marked);
    const state = EditorState.create({ doc: text, extensions: [yaml()] });
    ensureSyntaxTree(state, text.length, 5000);
    return schemaHoverText(schema, state, pos);
  };

  it('gives a key its field\'s description from the schema, with its path', () => {
    const found = hover('clients:\n  retry:\n    att|empts: 3\n');
    expect(found?.path).toEqual(['clients', 'retry', 'attempts']);
    expect(found?.text).toBe(shipped.properties.clients.properties?.retry.properties?.attempts.description);
  });

  it('gives a value the description and the values of its field', () => {
    const found = hover('api:\n  type: ht|tp\n');
    expect(found?.path).toEqual(['api', 'type']);
    expect(found?.text).toBe(shipped.properties.api.properties?.type.description);
    expect(found?.values).toEqual(expect.arrayContaining(['rest', 'http', 'alb']));
  });

  it('gives nothing for a key the schema does not know', () => {
    expect(hover('clients:\n  time|uot: 1s\n')).toBeUndefined();
  });
});

describe('indentation on Enter', () => {
  const indent = (marked: string) => {
    const { text, pos } = at(marked);
    const state = EditorState.create({ doc: text, extensions: [yamlKeyIndent, yaml()] });
    ensureSyntaxTree(state, text.length, 5000);
    return getIndentation(state, pos);
  };

  it.each([
    ['a top-level key with nothing after its colon', 'clients:|', 2],
    ['a nested one', 'clients:\n  retry:|', 4],
    ['a key of a sequence item', 'load:\n  profile:\n    - ramp:|', 8],
    ['a key with a comment after its colon', 'clients:  # who calls|', 2],
  ])('goes two columns past %s', (_, marked, column) => {
    expect(indent(marked)).toBe(column);
  });

  it('leaves a key with a value to the YAML mode (the key\'s own column)', () => {
    expect(indent('clients:\n  count: 5|')).toBe(2);
  });
});
