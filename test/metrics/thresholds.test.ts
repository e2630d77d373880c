/** The threshold grammar, table-driven, and how a check reads a point or an interval. */
import { describe, expect, it } from 'vitest';
import { evaluateThresholds, parseThreshold, parseThresholdFlag, parseThresholds, pointFigures, ThresholdError } from '../../src/metrics/thresholds.js';

describe('parseThreshold', () => {
  it.each([
    ['p99', '< 300ms', '<', 300],
    ['p99', '<300ms', '<', 300],
    ['p50', '<= 1.5s', '<=', 1500],
    ['max', '< 2m', '<', 120_000],
    ['errorRate', '< 1%', '<', 0.01],
    ['errorRate', '< 0.01', '<', 0.01],
    ['throttleRate', '<= 0.5%', '<=', 0.005],
    ['monthlyCost', '< 2000 USD', '<', 2000],
    ['monthlyCost', '< 2000usd', '<', 2000],
    ['monthlyCost', '< $2000', '<', 2000],
    ['goodput', '>= 500/s', '>=', 500],
    ['goodput', '> 500', '>', 500],
    ['amplification', '< 1.5', '<', 1.5],
  ])('%s %s -> %s %d in the base unit', (metric, text, operator, value) => {
    expect(parseThreshold(metric, text)).toMatchObject({ metric, operator, value });
  });

  it.each([
    ['p99', '< 1%', /"%" is not a unit of time/, /p99 is a latency \(ms, s or m\): e\.g\. p99: "< 300ms"/],
    ['p99', '< 300', /a latency needs a unit/, /e\.g\. p99: "< 300ms"/],
    ['p99', '= 300ms', /"= 300ms" is not a threshold/, /an operator \(<, <=, >, >=\)/],
    ['errorRate', '< 5', /5 is not a share/, /a share \(% or 0\.\.1\)/],
    ['errorRate', '< $5', /a dollar amount for a metric that is not money/, /errorRate: "< 1%"/],
    ['monthlyCost', '< 2000 EUR', /"EUR" is not US dollars/, /money \(USD\)/],
    ['goodput', '> 5/min', /"\/min" is not per second/, /">= 500\/s"/],
    ['amplification', '< 1.5x', /this metric has no unit/, /a plain number/],
    ['p98', '< 1ms', /no metric "p98"/, /did you mean "p9\d"\?/],
    // issue 27: 1e400 read as Infinity, so the check held whatever the run did
    ['p99', '< 1e400ms', /p99: "< 1e400ms" is too large a number/, /give a finite value, e.g\. p99: "< 300ms"/],
    ['monthlyCost', '< $1e400', /is too large a number/, /monthlyCost: "< 2000 USD"/],
  ])('refuses %s: %s, with a hint', (metric, text, message, hint) => {
    let error: unknown;
    try {
      parseThreshold(metric, text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ThresholdError);
    expect((error as ThresholdError).message).toMatch(message);
    expect((error as ThresholdError).hint).toMatch(hint);
  });

  it('converts exactly: 99.9 % is 0.999 and 1.1 s is 1100 ms, so a bound holds at its own value', () => {
    expect(parseThreshold('errorRate', '>= 99.9%').value).toBe(0.999);
    expect(parseThreshold('p99', '<= 1.1s').value).toBe(1100);
    expect(evaluateThresholds([parseThreshold('errorRate', '>= 99.9%')], pointFigures([['requests.errorRatio', 0.999]]), false)[0].pass).toBe(true);
  });

  it('reads a list (all must hold) and the command line form', () => {
    expect(parseThresholds({ p99: '< 1s', errorRate: ['< 1%', '>= 0%'] }).map((t) => [t.metric, t.operator, t.value])).toEqual([
      ['p99', '<', 1000],
      ['errorRate', '<', 0.01],
      ['errorRate', '>=', 0],
    ]);
    expect(parseThresholdFlag('p99<300ms')).toMatchObject({ metric: 'p99', value: 300 });
    expect(() => parseThresholdFlag('fast')).toThrow(/expected a metric and a condition/);
  });
});

describe('evaluateThresholds', () => {
  const p99 = (text: string) => parseThreshold('p99', text);

  it('checks a single run against each operator, strictly where it says so', () => {
    const figures = pointFigures([['latencyMs.ok.p99', 300]]);
    const pass = (text: string) => evaluateThresholds([p99(text)], figures, false)[0].pass;
    expect([pass('< 300ms'), pass('<= 300ms'), pass('> 300ms'), pass('>= 300ms'), pass('< 301ms')]).toEqual([false, true, false, true, true]);
    expect(evaluateThresholds([p99('< 301ms')], figures, false)[0].message).toBe('✓ p99 < 301ms (observed 300 ms, successful requests)');
  });

  it('passes a replicated run only when the whole 95 % interval passes', () => {
    const figures = new Map([['latencyMs.ok.p99', { mean: 280, low: 250, high: 310 }]]);
    const [below300, below320, above240, above260] = evaluateThresholds([p99('< 300ms'), p99('< 320ms'), p99('> 240ms'), p99('> 260ms')], figures, true);
    expect([below300.pass, below320.pass, above240.pass, above260.pass]).toEqual([false, true, true, false]);
    expect(below300.message).toBe('✗ p99 < 300ms (observed 280 ms, 95 % CI 250 ms – 310 ms, successful requests)');
  });

  it('fails a metric the run has no value for, never passes it', () => {
    const [result] = evaluateThresholds([p99('< 300ms')], pointFigures([['latencyMs.ok.p99', NaN]]), false);
    expect(result.pass).toBe(false);
    expect(result.message).toBe('✗ p99 < 300ms (no value in this run)');
    expect(evaluateThresholds([parseThreshold('monthlyCost', '< 1 USD')], new Map(), false)[0].pass).toBe(false);
  });
});

describe('figures of summary.csv and of the bill', () => {
  it('a latency figure takes time units; a bill figure must name a service the bill has (a misspelt one would read as $0)', () => {
    expect(parseThreshold('deliveryMs.p99', '< 2m').value).toBe(120_000);
    expect(parseThreshold('stagesMs.network.mean', '> 150ms').value).toBe(150);
    expect(() => parseThreshold('deliveryMs.p99', '< 2')).toThrow(ThresholdError);
    expect(parseThreshold('cost.CloudWatch Logs', '< 650').value).toBe(650);
    expect(() => parseThreshold('cost.CloudWatch Log', '< 650')).toThrow(/no figure "cost.CloudWatch Log" on the bill/);
    expect(parseThresholdFlag('deliveryMs.p99<2m').metric).toBe('deliveryMs.p99');
    expect(parseThresholdFlag('attempts.outcomes.429 stage<10').metric).toBe('attempts.outcomes.429 stage');
  });
});
