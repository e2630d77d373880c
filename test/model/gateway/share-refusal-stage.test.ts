/**
 * The three "refuse a share" checks (review item 16) as one stage: a
 * resource policy's denial (403, not billed, counted as resourcePolicyDenied),
 * a failed validation (400, billed by the meter before it, so not here) and
 * a WAF block (403, billed, counted as wafBlocked beside every inspected
 * request). Each draws from its own stream `<door>.<stage>`; a share of 0
 * draws nothing.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import type { Attempt, ComponentContext, ReplyCause } from '../../../src/model/component.js';
import type { FrontDoorCounters, StageHost } from '../../../src/model/gateway/front-door-stage.js';
import { ResourcePolicyStage } from '../../../src/model/gateway/resource-policy-stage.js';
import type { ShareRefusalStage } from '../../../src/model/gateway/share-refusal-stage.js';
import { ValidationStage } from '../../../src/model/gateway/validation-stage.js';
import { WafStage } from '../../../src/model/gateway/waf-stage.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';

function harness(stage: ShareRefusalStage, seed = 5) {
  const counters = { refused: 0, wafBlocked: 0, wafRequests: 0 } as FrontDoorCounters;
  const events = new Map<string, number>();
  const names: string[] = [];
  const answers: ReplyCause[] = [];
  let billed = 0;
  let passed = 0;
  const streams = new RandomStreams(seed);
  const metrics = {
    counterId: (name: string) => names.push(name) - 1,
    countById: (id: number, _atMs: number, _counted: boolean, amount = 1) => events.set(names[id], (events.get(names[id]) ?? 0) + amount),
  };
  const host = {
    ctx: { streams, metrics } as unknown as ComponentContext,
    counters,
    answer: (_a: Attempt, _d: number, cause: ReplyCause) => answers.push(cause),
    answerFromCache: () => undefined,
    bill: () => billed++,
  } as StageHost;
  stage.next = { enter: () => passed++ };
  stage.start(host);
  const send = (n: number) => {
    for (let i = 0; i < n; i++) stage.enter({ counted: true } as Attempt, 0, 0);
  };
  return { counters, events, answers, streams, send, billed: () => billed, passed: () => passed };
}

const waf = (blockRatio: number) => new WafStage('door', { latency: createDistribution({ kind: 'constant', value: 1 }), blockRatio });
const N = 4_000;
/** Four standard deviations of a binomial count of share p in N. */
const sd4 = (p: number) => 4 * Math.sqrt(N * p * (1 - p));

describe('ShareRefusalStage', () => {
  it.each([
    ['a resource policy denies: 403 policy-denied, not billed, an event per denial', () => new ResourcePolicyStage('door', 0.3), 0.3, 'policy-denied', 'refused', false, 'resourcePolicyDenied'],
    ['validation fails: 400 request-invalid, billed by the meter before it, not here', () => new ValidationStage('door', 0.2), 0.2, 'request-invalid', 'refused', false, null],
    ['WAF blocks: 403 waf-blocked, billed, counted as wafBlocked', () => waf(0.1), 0.1, 'waf-blocked', 'wafBlocked', true, null],
  ] as const)('%s', (_case, make, share, cause, counter, billed, event) => {
    const h = harness(make());
    h.send(N);
    const refused = h.answers.length;
    expect(Math.abs(refused - share * N)).toBeLessThan(sd4(share));
    expect(h.answers.every((c) => c === cause)).toBe(true);
    expect(h.passed()).toBe(N - refused);
    expect(h.counters[counter]).toBe(refused);
    expect(h.billed()).toBe(billed ? refused : 0);
    expect(event ? h.events.get(event) : h.events.size).toBe(event ? refused : 0);
  });

  it('each stage draws from its own stream, so the same seed refuses the same attempts', () => {
    const a = harness(new ResourcePolicyStage('door', 0.5));
    const b = harness(new ResourcePolicyStage('door', 0.5));
    a.send(200);
    b.send(200);
    expect(a.answers.length).toBe(b.answers.length);
    expect(a.streams.names()).toEqual(['door.resourcePolicy']);
    expect(harness(new ValidationStage('door', 0.5)).streams.names()).toEqual(['door.validation']);
  });

  it("WAF counts every inspected request, and at a share of 0 blocks none and draws nothing from its stream (its latency's)", () => {
    const h = harness(waf(0));
    h.send(100);
    expect(h.counters.wafRequests).toBe(100);
    expect(h.answers).toEqual([]);
    expect(h.streams.get('door.waf').next()).toBe(new RandomStreams(5).get('door.waf').next());
  });
});
