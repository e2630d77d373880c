/**
 * The limits a scenario or price table's YAML is held to (safe-yaml.ts, via
 * the loader): nesting, tags and aliases, each refused with its path, line
 * and hint instead of crashing, hanging or reading something else.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { MAX_ALIAS_COUNT, MAX_NESTING } from '../../src/scenario/safe-yaml.js';
import { problemsOf } from './problems-of.js';

const BASE = `name: t
duration: 1m
load: { rate: 100/s }
api: { type: rest }
integration:
  type: lambda
  memory: 512MB
  duration: { p50: 50ms, p99: 200ms }
`;


describe('tags', () => {
  it.each([
    ['a custom tag (it used to read as the text "HOME")', BASE.replace('name: t', 'name: !env HOME'), { path: 'name', line: 1, message: 'the YAML tag !env is not read here' }],
    ['a core tag that does not fit its value (it used to read as the text "512MB")', BASE.replace('memory: 512MB', 'memory: !!int 512MB'), { path: 'integration.memory', line: 7, message: 'the tag !!int does not fit "512MB"' }],
    ['!!bool on a word YAML 1.2 does not take for true', BASE.replace('duration: 1m', 'duration: !!bool yes'), { path: 'duration', line: 2, message: 'the tag !!bool does not fit "yes"' }],
    ['a YAML 1.1 type (it used to become a Date)', `${BASE}description: !!timestamp 2024-01-01\n`, { path: 'description', line: 9, message: 'the YAML tag !!timestamp is not read here' }],
    ['!!binary (it used to become bytes)', `${BASE}description: !!binary aGVsbG8=\n`, { path: 'description', message: 'the YAML tag !!binary is not read here' }],
    ['a tag on a mapping', BASE.replace('api: { type: rest }', 'api: !aws { type: rest }'), { path: 'api', line: 4, message: 'the YAML tag !aws is not read here' }],
    ['a tag defined with %TAG', `%TAG !e! tag:example.com,2000:\n---\n${BASE.replace('name: t', 'name: !e!x t')}`, { path: 'name', line: 3, message: 'the YAML tag tag:example.com,2000:x is not read here' }],
  ])('refuses %s, naming the tag', (_, text, problem) => {
    const [first] = problemsOf(text);
    expect(first).toMatchObject(problem);
    expect(first.hint).toMatch(/without a tag|remove the tag/);
  });

  it('reads the core tags on values they fit', () => {
    const s = parseScenario(BASE.replace('name: t', 'name: !!str t').replace('api: { type: rest }', 'api: !!map { type: !!str rest }').replace('seed', 'seed'), 'f.yaml');
    expect(s.name).toBe('t');
    expect(parseScenario(`${BASE}seed: !!int 7\n`, 'f.yaml').seed).toBe(7);
  });
});

describe('aliases', () => {
  it('reads an alias of a plain value or a mapping', () => {
    const s = parseScenario(BASE.replace('duration: { p50: 50ms, p99: 200ms }', 'duration: &d { p50: 50ms, p99: 200ms }\n  coldStart: *d'), 'f.yaml');
    expect(s.integration.type === 'lambda' && s.integration.coldStart).toEqual(s.integration.type === 'lambda' && s.integration.duration);
  });

  it(`refuses an alias bomb (aliases of aliases past ${MAX_ALIAS_COUNT}) at the alias that starts the chain: it used to exit 1 as an internal error`, () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`);
    const [problem] = problemsOf(`${BASE}lesson:\n  ${levels.join('\n  ')}\n`);
    expect(problem).toMatchObject({ path: 'lesson.c[0]', line: 12 });
    expect(problem.message).toMatch(/the aliases expand into too many copies .* an alias bomb\?/);
    expect(problem.hint).toMatch(/write the values out/);
  });
});

describe('nesting', () => {
  it(`refuses flow brackets nested past ${MAX_NESTING} at once, by counting them before parsing (a million took 3 s and overflowed the stack)`, () => {
    const started = Date.now();
    const [problem] = problemsOf(`${BASE}description: ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problem).toMatchObject({ line: 9, message: `nested more than ${MAX_NESTING} levels deep` });
  });

  it('refuses block mappings nested too deep, with the path and line where the limit is passed', () => {
    let text = `${BASE}lesson:\n`;
    for (let i = 0; i < MAX_NESTING + 3; i++) text += `${'  '.repeat(i + 1)}k${i}:\n`;
    text += `${'  '.repeat(MAX_NESTING + 4)}v: 1\n`;
    const [problem] = problemsOf(text);
    expect(problem.message).toBe(`nested more than ${MAX_NESTING} levels deep`);
    expect(problem.path).toMatch(/^lesson\.k0\.k1\..*\.k30$/);
    expect(problem.line).toBe(9 + MAX_NESTING);
  });

  it('refuses compact sequences nested deep enough to overflow the parser, as too deep rather than a stack overflow', () => {
    const [problem] = problemsOf(`${BASE}description:\n  ${'- '.repeat(20_000)}a\n`);
    expect(problem.message).toBe(`nested more than ${MAX_NESTING} levels deep`);
  });

  it(`takes ${MAX_NESTING} levels`, () => {
    const nested = `${'['.repeat(MAX_NESTING - 1)}1${']'.repeat(MAX_NESTING - 1)}`;
    expect(problemsOf(`${BASE}description: ${nested}\n`)[0]).toMatchObject({ path: 'description', message: 'expected text, got a list' });
  });
});
