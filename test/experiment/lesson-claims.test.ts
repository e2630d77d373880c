/**
 * A lesson's claim on an event (review item 7): an event that did not happen
 * reads as 0, so `events.x <= 0` held whatever the scenario, a misspelt plan
 * name or a variant without the stage included. A claim marked `counted`
 * fails when no component of the variant counts that event, and still holds
 * when the component is there and simply never counted.
 */
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { checkClaims, lessonVariantsFrom, runVariants } from '../../src/experiment/lesson-plan.js';
import { parseScenarioText } from '../../src/scenario/scenario-text.js';

const lessonYaml = (claims: string) => `
name: claims
seed: 3
duration: 3s
load: { rate: 50/s }
clients: { count: 5 }
api:
  type: rest
  throttle:
    usagePlans:
      paid: { rate: 1000/s, burst: 1000 }
      free: { rate: 1/s, burst: 1 }
  apiKeys: { plans: { paid: 0.4, free: 0.6 } }
integration: { type: lambda, duration: { constant: 5ms }, coldStart: { constant: 5ms } }
lesson:
  title: Claims on events
  question: Does a claim on an event nobody counts hold?
  explanation: It must not.
  examSignal: none
  chart: p50
  variants:
    - name: cors
      set: { api.cors: { browsers: 1 } }
  claims:
${claims}
`;

function claimsOf(claims: string) {
  const text = lessonYaml(claims);
  const loaded = parseScenarioText(text, 'claims.yaml');
  const variants = lessonVariantsFrom('claims.yaml', text, loaded, () => ({ file: 'none', text: null }));
  const ran = runVariants(variants, (s) => bundledPriceTable(s.cost.region)!);
  return checkClaims(loaded.scenario.lesson!, ran);
}

describe('claims on events', () => {
  it('a counted "<= 0" holds on a built plan that never throttled, fails on a plan the scenario does not have, and on a stage a variant lacks', () => {
    const [free, paid, misspelt, noCors, variant] = claimsOf(`
    - says: the free plan throttles
      expect: { "events.usagePlan.free.throttled": "> 0" }
    - says: the paid plan never does
      expect: { "events.usagePlan.paid.throttled": "<= 0" }
      counted: true
    - says: a plan by a wrong name
      expect: { "events.usagePlan.payd.throttled": "<= 0" }
      counted: true
    - says: no preflight in a variant without CORS
      expect: { "events.cors.preflights": "<= 0" }
      counted: true
    - says: and holds where the stage is built and never counts
      variant: cors
      expect: { "events.usagePlan.paid.throttled": "<= 0" }
      counted: true`);
    expect(free.pass).toBe(true);
    expect(paid.pass).toBe(true);
    expect(misspelt.pass).toBe(false);
    expect(misspelt.detail).toContain('events.usagePlan.payd.throttled: no component of this variant counts it');
    expect(noCors.pass).toBe(false);
    expect(variant.pass).toBe(true);
    // the same claim not marked counted would read the missing event as 0 and hold: refused before anything runs
    expect(() =>
      claimsOf(`
    - says: no preflight, not marked counted
      expect: { "events.cors.preflights": "<= 0" }`),
    ).toThrow(/^claims\.yaml:\d+: lesson\.claims\[0\]\.expect\.events\.cors\.preflights: "events\.cors\.preflights: <= 0" says the event never happened, which also holds where nothing counts it/);
  });
});
