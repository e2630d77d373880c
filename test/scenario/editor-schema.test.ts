/**
 * The editor schema (schema/scenario.schema.json) as an editor reads it:
 * the shipped file is what `npm run schema` writes from the scenario
 * definition and the reference today, every row of the reference's field
 * tables is a field of it, and a standard JSON Schema validator (ajv,
 * draft-07 as the YAML language server reads it) accepts every scenario
 * apigw-sim ships and refuses what apigw-sim refuses for the same reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editorSchema, referenceFields, schemaPaths } from '../../src/scenario/editor-schema.js';
import { parseScenario } from '../../src/scenario/loader.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const reference = read('docs/scenario-reference.md');
const shipped = JSON.parse(read('schema/scenario.schema.json'));

/** Every scenario file the repository and the package ship: examples, lessons, validation runs and init's templates. */
function shippedScenarios(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? under(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : []));
  return [...under('scenarios'), ...(existsSync(join(ROOT, 'templates')) ? under('templates') : [])];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(shipped);
const errorsOf = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('schema/scenario.schema.json', () => {
  it('is what npm run schema writes today (run it after changing src/scenario/schema.ts or docs/scenario-reference.md)', () => {
    expect(`${JSON.stringify(editorSchema(reference), null, 2)}\n`, 'schema/scenario.schema.json is stale: run npm run schema').toBe(read('schema/scenario.schema.json'));
  });

  it('has an $id, a title and the draft editors read', () => {
    expect(shipped.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(shipped.$id).toMatch(/^https:\/\/\S+\/schema\/scenario\.schema\.json$/);
    expect(shipped.title).toBe('apigw-sim scenario');
    expect(ajv.validateSchema(shipped)).toBe(true);
  });

  it("describes each field with the reference's words and default", () => {
    const p = shipped.properties;
    expect(p.load.properties.rate.description).toBe('a constant offered load, e.g. `500/s`');
    expect(p.warmup.description).toBe('requests arriving before this are left out of the figures. Default: `0s`.');
    expect(p.name.description).toMatch(/^names the report folder.*\(required\)$/);
    const [lambda, http] = p.integration.oneOf;
    expect(lambda.properties.memory.description).toBe('128MB to 10240MB; recorded for GB-seconds. Default: `128MB`.');
    expect(http.properties.servers.description).toBe('servers (threads, connections) working in parallel (required)');
    // a link keeps its words, not its address
    expect(p.clients.properties.retry.properties.backoff.description).toContain('`jitter: none | full | equal | decorrelated`, exactly as in Exponential Backoff And Jitter. Default:');
  });

  it('has a field for every row of the reference\'s field tables (a renamed field fails here)', () => {
    const rows = [...referenceFields(reference).keys()].filter((k) => !k.startsWith('#'));
    expect(rows.length).toBeGreaterThan(100);
    const paths = schemaPaths(shipped);
    expect(rows.filter((row) => !paths.has(row))).toEqual([]);
  });

  it.each(shippedScenarios())('accepts %s, as apigw-sim does', (file) => {
    const text = read(file);
    expect(() => parseScenario(text, file)).not.toThrow();
    expect(errorsOf(parse(text))).toEqual([]);
  });

  it.each([
    ['an unknown key', 'clients: { timeuot: 3s }', /must NOT have additional properties/],
    ['a duration without its unit', 'warmup: 5', /\/warmup must be string/],
    ['an API type there is none of', 'api: { type: soap }', /\/api\/type must be equal to one of the allowed values/],
    ['a missing duration', null, /must have required property 'duration'/],
  ])('refuses %s, as apigw-sim does', (_, extra, message) => {
    const base = 'name: t\nduration: 1m\nload: { rate: 10/s }\napi: { type: rest }\nintegration: { type: lambda, duration: { p50: 50ms, p99: 200ms } }\n';
    const key = extra?.split(':')[0];
    const text = extra === null ? base.replace('duration: 1m\n', '') : `${base.split('\n').filter((l) => !l.startsWith(`${key}:`)).join('\n')}${extra}\n`;
    expect(() => parseScenario(text, 't.yaml')).toThrow();
    expect(errorsOf(parse(text)).join('\n')).toMatch(message);
  });

  it('takes a $schema key, and apigw-sim ignores it', () => {
    const text = '$schema: ../schema/scenario.schema.json\nname: t\nduration: 1m\nload: { rate: 10/s }\napi: { type: rest }\nintegration: { type: lambda, duration: { p50: 50ms, p99: 200ms } }\n';
    expect(errorsOf(parse(text))).toEqual([]);
    const withKey = parseScenario(text, 't.yaml');
    const without = parseScenario(text.replace(/^\$schema:.*\n/, ''), 't.yaml');
    expect({ ...withKey, $schema: undefined }).toEqual({ ...without, $schema: undefined });
  });
});
