/** `--set` as users write it: lists, linear and log ranges, units, the grid, and the errors. */
import { describe, expect, it } from 'vitest';
import { parseSetFlag, sweepGrid, SweepSpecError, sweptValueText } from '../../src/experiment/sweep-spec.js';
import { parseScenarioText } from '../../src/scenario/loader.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

describe('parseSetFlag', () => {
  it('reads a list as a scenario file would: numbers, booleans, strings with units', () => {
    expect(parseSetFlag('integration.memory=128MB, 512MB,1GB')).toEqual({ name: 'integration.memory', path: ['integration', 'memory'], values: ['128MB', '512MB', '1GB'], log: false });
    expect(parseSetFlag('integration.servers=2,4').values).toEqual([2, 4]);
    expect(parseSetFlag('cost.freeTier=true,false').values).toEqual([true, false]);
  });

  it('reads a flow mapping or sequence as one value, commas inside it included', () => {
    expect(parseSetFlag('integration.duration={p50: 60ms, p99: 400ms}').values).toEqual([{ p50: '60ms', p99: '400ms' }]);
    expect(parseSetFlag('integration.duration={p50: 60ms, p99: 400ms}, {mean: 5ms}').values).toEqual([{ p50: '60ms', p99: '400ms' }, { mean: '5ms' }]);
    expect(parseSetFlag('integration.keepAlive={uniform: [5m, 15m]}').values).toEqual([{ uniform: ['5m', '15m'] }]);
    expect(parseSetFlag('clients.retry.on=[429, 5xx],[timeout]').values).toEqual([[429, '5xx'], ['timeout']]);
    // quoted text keeps its comma; a word YAML would not take unquoted is kept as written
    expect(parseSetFlag('load.routes.0.name="GET /a,b",POST /c').values).toEqual(['GET /a,b', 'POST /c']);
    expect(parseSetFlag('a.b=@x,y').values).toEqual(['@x', 'y']);
  });

  it('writes a swept value back as a scenario file would, for labels and messages', () => {
    expect(parseSetFlag('a.b={p50: 60ms, p99: 400ms},512MB,3').values.map(sweptValueText)).toEqual(['{p50: 60ms, p99: 400ms}', '512MB', '3']);
  });

  it('spaces a range evenly, in the unit written', () => {
    expect(parseSetFlag('load.rate=500/s..5000/s:10').values).toEqual(['500/s', '1000/s', '1500/s', '2000/s', '2500/s', '3000/s', '3500/s', '4000/s', '4500/s', '5000/s']);
    expect(parseSetFlag('clients.timeout=100ms..400ms:4').values).toEqual(['100ms', '200ms', '300ms', '400ms']);
    expect(parseSetFlag('integration.servers=1..3:3').values).toEqual([1, 2, 3]);
    // the same letter on both ends is a unit (bytes here), not billions
    expect(parseSetFlag('load.payload.response=100B..300B:3').values).toEqual(['100B', '200B', '300B']);
  });

  it('spaces a :log range by a constant factor, multiplying out different count letters', () => {
    const volumes = parseSetFlag('cost.monthlyRequests=1M..10B:5:log');
    expect(volumes.log).toBe(true);
    expect(volumes.values).toEqual([1e6, 1e7, 1e8, 1e9, 1e10]);
    expect(parseSetFlag('load.rate=10/s..1000/s:3:log').values).toEqual(['10/s', '100/s', '1000/s']);
  });

  it.each([
    ['integration.memory', /expected path=values/],
    ['=1,2', /expected path=values/],
    ['load..rate=1,2', /is not a scenario path/],
    ['load.rate=1,,2', /an empty value/],
    ['load.rate=1/s,', /an empty value/],
    ['integration.duration={p50: 60ms', /not a list of values as a scenario file writes them/],
    ['integration.duration={p50: 60ms},', /not a list of values/],
    ['integration.memory=128MB..1GB:4', /different units \(MB and GB\)/],
    ['load.rate=1/s..2/s:1', /1 points/],
    ['load.rate=0/s..100/s:3:log', /log range needs both ends above 0/],
  ])('refuses %s with a hint', (flag, message) => {
    const attempt = () => parseSetFlag(flag);
    expect(attempt).toThrow(SweepSpecError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as SweepSpecError).hint.length).toBeGreaterThan(10);
    }
  });
});

describe('sweepGrid', () => {
  it('is every combination, the first parameter varying slowest', () => {
    const grid = sweepGrid([parseSetFlag('a.b=1,2'), parseSetFlag('c.d=x,y,z')]);
    expect(grid.map((p) => p.values)).toEqual([[1, 'x'], [1, 'y'], [1, 'z'], [2, 'x'], [2, 'y'], [2, 'z']]);
    expect(grid.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('a scenario with --set values', () => {
  const FILE = 'name: s\nduration: 10s\nload: { rate: 10/s }\napi: { type: rest }\nintegration: { type: lambda, duration: { constant: 10ms } }\n';
  const set = (flag: string) => {
    const p = parseSetFlag(flag);
    return p.values.map((value) => ({ path: p.path, value, given: `--set ${p.name}=${String(value)}` }));
  };

  it('takes the value, creating the mappings on its way', () => {
    expect(parseScenarioText(FILE, 's.yaml', set('integration.memory=512MB')).scenario.integration).toMatchObject({ memory: 512 * 1024 ** 2 });
    const cached = parseScenarioText(FILE, 's.yaml', set('api.cache.size=1.6GB')).scenario.api as { cache?: { size: number } };
    expect(cached.cache?.size).toBeGreaterThan(1.5 * 1024 ** 3);
  });

  it('blames the --set for a typo, with the key it meant, and for a bad value', () => {
    const problems = (flag: string) => {
      try {
        parseScenarioText(FILE, 's.yaml', set(flag));
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        return (error as ScenarioError).message;
      }
      throw new Error('accepted');
    };
    expect(problems('integration.memroy=512MB')).toMatch(/^s\.yaml: integration\.memroy: unknown key "memroy" \(from --set integration\.memroy=512MB\)\n  hint: did you mean "memory"\?/);
    expect(problems('integration.memory=lots')).toMatch(/^s\.yaml: integration\.memory: .* \(from --set integration\.memory=lots\)/);
    expect(problems('lamda.memory=512MB')).toMatch(/lamda: unknown key "lamda" \(from --set lamda\.memory=512MB\)/);
    expect(problems('load.rate.x=1')).toMatch(/--set load\.rate\.x=1: a part of this path holds a value/);
  });
});
