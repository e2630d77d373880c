/**
 * The shipped lessons' "none happened" claims can fail. A count that did not
 * happen reads as 0, so `<= 0` / `< 1` on an event nobody counts, or on an
 * outcome nothing in the variant answers with, would hold whatever the
 * model did. Each such claim is checked here on a short copy of its variant
 * (it holds), and on the same copy changed so that the event does happen
 * (it fails); the figures no part of a variant can produce are refused at
 * the claim's line; and every shipped claim of this kind is marked `counted`
 * and names events its variant's components register at start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { checkClaims, lessonVariants, lessonVariantsFrom, type Lesson } from '../../src/experiment/lesson.js';
import { figuresOf } from '../../src/experiment/replication.js';
import { scenarioWith } from '../../src/experiment/scenario-with.js';
import { absentFigure } from '../../src/metrics/replicated-summary.js';
import { evaluateThresholds, metricDefinition } from '../../src/metrics/thresholds.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { runScenario } from '../../src/scenario/run.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { parseScenarioText } from '../../src/scenario/scenario-text.js';

const LESSONS = join(import.meta.dirname, '../../scenarios/lessons');
type ExpectClaim = Extract<Lesson['claims'][number], { expect: unknown }>;

/** The thresholds on `metric` of the lesson's claim on `variant`, as a claim of their own, with the lesson's text. */
function zeroClaim(name: string, variant: string, metric: string) {
  const file = join(LESSONS, `${name}.yaml`);
  const text = readFileSync(file, 'utf8');
  const lesson = parseScenarioText(text, file).scenario.lesson as Lesson;
  const claim = lesson.claims.find((c): c is ExpectClaim => 'expect' in c && c.variant === variant && c.expect.some((t) => t.metric === metric));
  if (!claim) throw new Error(`${name}: no claim on ${metric} of ${variant}`);
  return { file, text, lesson, claim: { ...claim, expect: claim.expect.filter((t) => t.metric === metric) } };
}

/** The claim checked on a run of its variant with `set` on top (a short run: the duration is set too). */
function checkOn(name: string, variant: string, metric: string, set: Record<string, unknown>) {
  const { file, text, lesson, claim } = zeroClaim(name, variant, metric);
  const own = lesson.variants.find((v) => v.name === variant)?.set ?? {};
  const assignments = Object.entries({ ...own, warmup: '0s', ...set }).map(([key, value]) => ({ name: key, path: key.split('.'), value, given: key }));
  const at = scenarioWith(text, file, assignments);
  if ('skipped' in at) throw new Error(at.skipped);
  const result = runScenario(at.scenario);
  const cost = costOfRun(result, bundledPriceTable(at.scenario.cost.region)!);
  const ran = [{ name: variant, figures: figuresOf(result.summary, cost), eventNames: result.records.eventNames }];
  return checkClaims({ ...lesson, claims: [claim] }, ran)[0];
}

const tinyThrottle = { rate: '20/s', burst: 5 };

// [lesson, variant, figure, the short run it holds on, what makes the event happen]
const CASES: Array<[string, string, string, Record<string, unknown>, Record<string, unknown>]> = [
  ['websocket-chat', 'base', 'events.broadcast.throttled', { duration: '40s', 'load.rate': '20/s', 'load.connection.messages': '1/s' }, { 'api.throttle.account': { rate: '50/s', burst: 10 } }],
  ['usage-plans', 'base', 'attempts.outcomes.429 stage', { duration: '5s' }, { 'api.throttle.stage': tinyThrottle }],
  ['brownout-passes-through', 'base', 'throttleRate', { duration: '5s', failures: [] }, { 'api.throttle.stage': tinyThrottle }],
  ['lambda-concurrency-500s', 'base', 'throttleRate', { duration: '5s' }, { 'api.throttle.stage': tinyThrottle }],
  ['do-you-need-the-lambda', 'proxy', 'events.table.throttled', { duration: '10s' }, { 'integration.dynamodb.table': { mode: 'provisioned', readCapacity: '1RCU' } }],
  ['on-demand-double-peak', 'within-double', 'events.table.throttled', { duration: '10s', 'load.spikes': [] }, { 'load.rate': '2000/s' }],
  ['queue-flattens-spike', 'capped', 'events.lambda.throttles.reserved', { duration: '10s', 'load.spikes': [] }, { 'load.rate': '400/s', 'integration.eventSource.maxConcurrency': 1000 }],
  ['queue-flattens-spike', 'base', 'events.queue.redriven', { duration: '10s', 'load.spikes': [] }, { 'integration.consumer.errorRate': 1, 'integration.queue': { type: 'standard', visibilityTimeout: '10s', maxReceiveCount: 1 } }],
  ['queue-flattens-spike', 'base', 'events.queue.expired', { duration: '10s', 'load.spikes': [], 'load.rate': '5/s' }, { duration: '90s', 'integration.consumer.errorRate': 1, 'integration.queue': { type: 'standard', visibilityTimeout: '10s', retention: '1m' } }],
  ['sqs-partial-batch', 'partial', 'events.queue.pollers.failedInvocations', { duration: '10s' }, { 'integration.eventSource.reportBatchItemFailures': false }],
  ['sqs-partial-batch', 'partial', 'events.queue.redeliveries', { duration: '10s' }, { 'integration.eventSource.reportBatchItemFailures': false, duration: '32s' }],
  ['sqs-partial-batch', 'partial', 'events.queue.redriven', { duration: '10s' }, { 'integration.eventSource.reportBatchItemFailures': false, duration: '32s' }],
  ['sync-vs-eventbridge', 'eventbridge', 'events.bus.deadLettered', { duration: '10s', failures: [] }, { 'api.delivery.retries': 0, failures: [{ at: '1s', for: '5s', target: 'integration', errorRate: 1 }] }],
  ['sns-vs-eventbridge', 'base', 'events.topic.orders.deadLettered', { duration: '10s', 'load.rate': '5/s' }, { duration: '200s', 'integration.subscriptions.0.function.errorRate': 1 }],
  ['canary-releases', 'canary-10-rollback', 'canary.promoted', { duration: '2m', 'api.canary.promoteAt': '90s', 'api.canary.rollback': { alarm: { threshold: 0.05, period: '1m', evaluationPeriods: 1, datapointsToAlarm: 1 }, delay: '0s' } }, { 'api.canary.integration.errorRate': 0 }],
  ['cors-preflights', 'max-age-10m', 'events.cors.preflights', { duration: '40s', warmup: '20s', 'clients.count': 20 }, { 'api.cors.maxAge': '1s' }],
  ['who-answered', 'base', 'events.usagePlan.paid.throttled', { duration: '5s' }, { 'api.throttle.usagePlans.paid': tinyThrottle }],
];

describe('a lesson claim that nothing happened can fail', () => {
  it.each(CASES)('%s (%s): %s holds on a short run and fails where it happens', (name, variant, metric, short, happens) => {
    const holds = checkOn(name, variant, metric, short);
    expect(holds.pass, holds.detail).toBe(true);
    const fails = checkOn(name, variant, metric, { ...short, ...happens });
    expect(fails.pass, fails.detail).toBe(false);
    // failed on the count it saw, not because nothing counts the event
    expect(fails.detail).not.toContain('no component');
  });

  it('refuses, at the claim line, a figure no part of the variant can produce: a stage throttle a variant lacks, a misspelt outcome, a canary figure without a canary or misspelt', () => {
    const base = readFileSync(join(LESSONS, 'lambda-concurrency-500s.yaml'), 'utf8');
    const refusal = (claim: string) => {
      const text = base.replace(/ {2}claims:\n/, `  claims:\n${claim}\n`);
      const loaded = parseScenarioText(text, 'lesson.yaml');
      try {
        lessonVariantsFrom('lesson.yaml', text, loaded, () => ({ file: 'none', text: null }));
      } catch (e) {
        if (e instanceof ScenarioError) return e.message;
        throw e;
      }
      return null;
    };
    const line = base.split('\n').findIndex((l) => l === '  claims:') + 3; // 1-based, after the says line: the expect line
    // the base has no stage throttle; its variant has one
    expect(refusal('    - says: no stage throttle\n      expect: { "attempts.outcomes.429 stage": "<= 0" }')).toMatch(new RegExp(`^lesson\\.yaml:${line}: lesson\\.claims\\[0\\]\\.expect\\.attempts\\.outcomes\\.429 stage: "429 stage" cannot happen in this variant: it needs a stage throttle \\(api\\.throttle\\.stage\\) \\(variant base\\)`));
    expect(refusal('    - says: stage ok\n      variant: stage-throttle\n      expect: { "attempts.outcomes.429 stage": "<= 0" }')).toBeNull();
    expect(refusal('    - says: misspelt\n      expect: { "attempts.outcomes.429 stag": "<= 0" }')).toMatch(/"429 stag": no outcome is answered by "stag"[^]*did you mean "429 stage"/);
    expect(refusal('    - says: no such answerer\n      expect: { "attempts.outcomes.429 constructor": "<= 0" }')).toMatch(/no outcome is answered by "constructor"/);
    expect(refusal('    - says: not a label\n      expect: { "attempts.outcomes.five-hundred": "<= 0" }')).toMatch(/"five-hundred" is no outcome label/);
    expect(refusal('    - says: wrong status\n      expect: { "attempts.outcomes.403 stage": "<= 0" }')).toMatch(/stage answers 429, not 403/);
    expect(refusal('    - says: no canary\n      expect: { canary.promoted: "<= 0" }')).toMatch(/"canary\.promoted": this variant has no canary release \(variant base\)/);
    // an event no component counts reads as 0: a claim that it never happened must be marked counted, or it could not fail
    expect(refusal('    - says: no throttles\n      expect: { events.lambda.throttles: "<= 0" }')).toMatch(
      new RegExp(`^lesson\\.yaml:${line}: lesson\\.claims\\[0\\]\\.expect\\.events\\.lambda\\.throttles: "events\\.lambda\\.throttles: <= 0" says the event never happened, which also holds where nothing counts it [^\\n]*\\n {2}hint: add counted: true to the claim`),
    );
    expect(refusal('    - says: a misspelt one\n      expect: { events.lambda.throttled: ["< 1", ">= 0"] }')).toMatch(/"events\.lambda\.throttled: < 1, >= 0" says the event never happened/);
    expect(refusal('    - says: counted\n      counted: true\n      expect: { events.lambda.throttles: "<= 0" }')).toBeNull();
    // bounds a count can break are claims that can fail, whatever a misspelt name would read as
    expect(refusal('    - says: some, not many\n      expect: { events.lambda.coldStarts: ["> 1", "< 80"] }')).toBeNull();
    expect(refusal('    - says: not many\n      expect: { events.lambda.coldStarts: "< 80" }')).toBeNull();
    expect(refusal('    - says: at most a few\n      expect: { events.lambda.throttles.account: ["< 5", ">= 0"] }')).toBeNull();
    expect(refusal('    - says: compared\n      compare: { metric: "attempts.outcomes.403 waf", variant: base, is: lower, than: stage-throttle }')).toMatch(/lesson\.claims\[0\]\.compare\.metric: "403 waf" cannot happen/);
    // an ALB has no throttle and answers a throttled function with 502: its throttleRate is 0 by construction
    const alb = base.replace('api: { type: rest }', 'api: { type: alb }');
    expect(alb).not.toBe(base);
    const albClaim = (claim: string) => {
      const text = alb.replace(/ {2}claims:\n[^]*$/, `  claims:\n${claim}\n`).replace(/ {2}variants:\n[^]*? {2}claims:/, '  claims:');
      return () => lessonVariantsFrom('alb.yaml', text, parseScenarioText(text, 'alb.yaml'), () => ({ file: 'none', text: null }));
    };
    expect(albClaim('    - says: none of them is a 429\n      expect: { throttleRate: "<= 0%" }')).toThrow(/throttleRate cannot rise above 0 % in this variant: nothing in it answers 429 \(the Application Load Balancer has no throttle, and answers a throttled function with another status\) \(variant base\)/);
    expect(albClaim('    - says: some are 502\n      expect: { "attempts.outcomes.502": "> 0" }')).not.toThrow();
    const canary = readFileSync(join(LESSONS, 'canary-releases.yaml'), 'utf8').replace(/ {2}claims:\n/, '  claims:\n    - says: misspelt\n      expect: { canary.promotd: "<= 0" }\n');
    expect(() => lessonVariantsFrom('c.yaml', canary, parseScenarioText(canary, 'c.yaml'), () => ({ file: 'none', text: null }))).toThrow(/no canary figure "canary\.promotd"[^]*did you mean "canary\.promoted"/);
  });

  it('every shipped claim that would hold on an absent event is marked counted, and its variant registers that event at start', () => {
    const checked: string[] = [];
    for (const entry of readdirSync(LESSONS).filter((f) => f.endsWith('.yaml'))) {
      const file = join(LESSONS, entry);
      const text = readFileSync(file, 'utf8');
      const loaded = parseScenarioText(text, file);
      if (!loaded.scenario.lesson) continue;
      const variants = lessonVariants(file, text, loaded);
      for (const claim of loaded.scenario.lesson.claims) {
        if (!('expect' in claim)) continue;
        const byFigure = new Map<string, typeof claim.expect>();
        for (const t of claim.expect) {
          const figure = metricDefinition(t.metric)?.figure ?? t.metric;
          byFigure.set(figure, [...(byFigure.get(figure) ?? []), t]);
        }
        for (const [figure, thresholds] of byFigure) {
          if (!figure.startsWith('events.')) continue;
          const zero = absentFigure(figure);
          const holdsOnAbsent = evaluateThresholds(thresholds, new Map([[figure, { mean: zero, low: zero, high: zero }]]), false).every((r) => r.pass);
          if (!holdsOnAbsent) continue;
          expect(claim.counted, `${entry}: ${claim.says}`).toBe(true);
          const scenario = variants.find((v) => v.name === claim.variant)!.scenario;
          const built = buildSimulation(scenario, { seed: scenario.seed });
          for (const c of built.components) c.start(built.ctx);
          expect(built.recorder.finish().eventNames, `${entry}: ${claim.variant}`).toContain(figure.slice('events.'.length));
          checked.push(`${entry.replace('.yaml', '')} ${figure}`);
        }
      }
    }
    // the claims this file is about, so a lesson's rewording cannot empty the check
    expect(checked.length).toBeGreaterThanOrEqual(16);
  });
});
