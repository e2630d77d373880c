/**
 * The `collapse` and `map` sections: defaults, and each mistake one error
 * naming the file, the path and the line, with a hint.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLAPSE } from '../../src/metrics/collapse.js';
import { evaluateThresholds, parseThreshold, pointFigures } from '../../src/metrics/thresholds.js';
import { collapseSettingsOf } from '../../src/scenario/collapse-schema.js';
import { parseScenarioText } from '../../src/scenario/loader.js';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/scenario-error.js';

const BASE = `name: t
duration: 5m
load: { rate: 10/s, spikes: [{ at: 60s, for: 10s, rate: 10/s }] }
api: { type: http }
integration: { type: http, servers: 10, service: 10ms }
`;

const parse = (yaml: string) => parseScenarioText(`${BASE}${yaml}`, 'storm.yaml').scenario;

function problem(yaml: string): ScenarioProblem {
  try {
    parse(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const problems = (error as ScenarioError).problems;
    expect(problems).toHaveLength(1);
    return problems[0];
  }
  throw new Error('expected a ScenarioError');
}

describe('collapse', () => {
  it('defaults to judging 60 s after the last trigger over 30 s, collapsed below 50 %, recovered at 90 %', () => {
    expect(collapseSettingsOf(parse(''))).toEqual(DEFAULT_COLLAPSE);
    expect(DEFAULT_COLLAPSE).toEqual({ afterMs: 60_000, windowMs: 30_000, degradedBelow: 0.5, recoveredAt: 0.9 });
  });

  it('takes each setting, the others keeping their defaults', () => {
    expect(collapseSettingsOf(parse('collapse: { after: 2m, degradedBelow: 0.3 }\n'))).toEqual({ ...DEFAULT_COLLAPSE, afterMs: 120_000, degradedBelow: 0.3 });
  });

  it.each([
    ['recovered below degraded', 'collapse: { degradedBelow: 0.8, recoveredAt: 0.5 }\n', 'collapse.recoveredAt', 6, /is below degradedBelow \(0\.8\)/, /e\.g\. degradedBelow: 0\.5, recoveredAt: 0\.9/],
    ['a window shorter than a row', 'interval: 5s\ncollapse: { window: 2s }\n', 'collapse.window', 7, /shorter than the interval \(5s\)/, /at least one interval/],
    ['a judged window past the run', 'collapse: { after: 4m }\n', 'collapse', 6, /judges the run until 340s, after it ends \(300s\)/, /the last trigger \(load\.spikes\[0\]\) ends at 70s/],
    ['a share above 1', 'collapse: { degradedBelow: 50 }\n', 'collapse.degradedBelow', 6, /50 is too large: it must be at most 1/, /scenario-reference\.md/],
    ['a plain number for a duration', 'collapse: { after: 60 }\n', 'collapse.after', 6, /60 is not a duration/, /add a unit, e\.g\. 60ms or 60s/],
  ])('%s is refused at its line', (_, yaml, path, line, message, hint) => {
    const p = problem(yaml);
    expect(p.path).toBe(path);
    expect(p.line).toBe(line);
    expect(p.message).toMatch(message);
    expect(p.hint).toMatch(hint);
  });

  it('a collapse section with no trigger to judge after is refused', () => {
    expect(() => parseScenarioText('name: t\nduration: 5m\nload: { rate: 10/s }\napi: { type: http }\nintegration: { type: http, servers: 10, service: 10ms }\ncollapse: { after: 30s }\n', 'calm.yaml')).toThrow(/calm\.yaml:6: collapse: has no trigger to judge the run after/);
  });
});

describe('map', () => {
  const MAP = `map:
  trigger: { path: load.spikes.0.rate, values: [10/s, 30/s] }
  policies:
    - { name: immediate }
    - { name: budget, set: { clients.retry.budget: { tokens: 500, cost: 5 } } }
`;

  it('reads the trigger, the policies (set defaults to nothing) and 10 replications by default', () => {
    const map = parse(MAP).map!;
    expect(map.trigger).toEqual({ path: 'load.spikes.0.rate', values: ['10/s', '30/s'] });
    expect(map.policies.map((p) => p.name)).toEqual(['immediate', 'budget']);
    expect(map.policies[0].set).toEqual({});
    expect(map.replications).toBe(10);
  });

  it.each([
    ['a policy name twice', MAP.replace('name: budget', 'name: immediate'), 'map.policies.1.name', 10, /"immediate" is taken/],
    ['no policy', 'map:\n  trigger: { path: load.spikes.0.rate, values: [10/s] }\n  policies: []\n', 'map.policies', 8, /too small|at least 1/i],
    ['an empty key in the path', MAP.replace('load.spikes.0.rate', 'load..rate'), 'map.trigger.path', 7, /"load\.\.rate" is not a scenario path/],
    ['one replication', `${MAP}  replications: 1\n`, 'map.replications', 11, /too small|at least 2|1 is/i],
  ])('%s is refused at its line', (_, yaml, path, line, message) => {
    const p = problem(yaml);
    expect(p.path.replace(/\[(\d+)\]/g, '.$1')).toBe(path);
    expect(p.line).toBe(line);
    expect(p.message).toMatch(message);
  });
});

describe('thresholds on collapse', () => {
  it('pCollapse is a share and recoveryTime a duration, and never fails "<" and passes ">"', () => {
    expect(parseThreshold('pCollapse', '< 5%')).toMatchObject({ operator: '<', value: 0.05 });
    expect(parseThreshold('recoveryTime', '< 2m')).toMatchObject({ operator: '<', value: 120_000 });
    const never = pointFigures([
      ['collapse.probability', 1],
      ['collapse.recoveryMs.median', Infinity],
    ]);
    const [p, fast, slow] = evaluateThresholds([parseThreshold('pCollapse', '< 5%'), parseThreshold('recoveryTime', '< 2m'), parseThreshold('recoveryTime', '> 1m')], never, false);
    expect(p.pass).toBe(false);
    expect(fast).toMatchObject({ pass: false, message: '✗ recoveryTime < 2m (observed never)' });
    expect(slow.pass).toBe(true);
  });

  it('a run with no collapse figures has no value for them: the check fails, it does not pass silently', () => {
    const [r] = evaluateThresholds([parseThreshold('pCollapse', '< 5%')], pointFigures([['requests.offered', 1]]), false);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/no value in this run/);
  });
});
