/**
 * Whether a lesson's claim names a figure its variant can produce. A count
 * that did not happen reads as 0 and a claim such as
 * `"attempts.outcomes.429 stage": "<= 0"` would then hold with a misspelt
 * label or in a variant that has no stage throttle: such a claim cannot
 * fail, so it is refused before anything runs (docs/lessons.md).
 *
 * Decided from the scenario, not from a run: an outcome label names the
 * mechanism that answers it (`429 stage`, `403 waf`...), which the scenario
 * either configures or not; a canary figure needs a canary release and one
 * of its figures' names. Events (`events.*`) are names components make from
 * their ids, so they are checked on the run instead (`counted: true`,
 * ./lesson-plan.ts). Pure: the playground runs it too.
 */
import { closest } from 'fastest-levenshtein';
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import { summarizeCanary } from '../metrics/canary.js';
import type { Scenario } from '../scenario/schema.js';

export interface FigureProblem {
  message: string;
  hint: string;
}

const OUTCOMES = 'attempts.outcomes.';
const CANARY = 'canary.';

/** Why no part of this scenario can produce `figure` (a name of summary.csv); null when it can, or when it is not a figure checked here. */
export function unproducibleFigure(scenario: Scenario, figure: string): FigureProblem | null {
  if (figure.startsWith(OUTCOMES)) return outcomeProblem(scenario, figure.slice(OUTCOMES.length));
  if (figure.startsWith(CANARY)) return canaryProblem(scenario, figure);
  if (figure === 'attempts.throttleRatio') return throttleProblem(scenario);
  return null;
}

type Api = Scenario['api'];

/** The mechanism each cause-labelled outcome names: its status and whether the scenario has it (the labels of metrics/recorder.ts `outcomeLabel`). */
const MECHANISMS: Readonly<Record<string, { status: number; what: string; has: (api: Api) => boolean }>> = {
  'usage-plan': { status: 429, what: 'a usage plan with a rate (api.throttle.usagePlan or usagePlans)', has: (a) => a.throttle.usagePlan?.rate !== undefined || Object.values(a.throttle.usagePlans ?? {}).some((p) => p.rate !== undefined || p.methods !== undefined) },
  quota: { status: 429, what: 'a usage plan with a quota', has: (a) => a.throttle.usagePlan?.quota !== undefined || Object.values(a.throttle.usagePlans ?? {}).some((p) => p.quota !== undefined) },
  route: { status: 429, what: 'a route throttle (api.throttle.routes)', has: (a) => a.throttle.routes !== undefined },
  stage: { status: 429, what: 'a stage throttle (api.throttle.stage)', has: (a) => a.throttle.stage !== undefined },
  account: { status: 429, what: "the account's throttle (API Gateway, EventBridge, SNS)", has: (a) => ENTRY_POINTS[a.type].features.has('accountThrottle') },
  connection: { status: 429, what: 'a WebSocket API (its connection throttle)', has: (a) => a.type === 'websocket' },
  lambda: { status: 429, what: 'a front door that answers a throttled Lambda function with 429 (a function URL, or api.responses.lambdaThrottle: 429)', has: (a) => (a.responses?.lambdaThrottle ?? ENTRY_POINTS[a.type].statusByCause['lambda-throttle']) === 429 },
  waf: { status: 403, what: 'an AWS WAF web ACL (api.waf)', has: (a) => a.waf !== undefined },
  'api-key': { status: 403, what: 'API keys (api.apiKeys) or usage plans', has: (a) => a.apiKeys !== undefined || a.throttle.usagePlans !== undefined || a.throttle.usagePlan !== undefined },
  'resource-policy': { status: 403, what: 'a resource policy (api.resourcePolicy)', has: (a) => a.resourcePolicy !== undefined },
};

const LABELS_HINT = `an outcome label: 2xx, timeout, a status (500, 504...) or a status and who answered it (${Object.entries(MECHANISMS)
  .map(([name, m]) => `${m.status} ${name}`)
  .join(', ')})`;

function outcomeProblem(scenario: Scenario, label: string): FigureProblem | null {
  if (label === '2xx' || label === 'timeout') return null;
  const match = /^([1-5]\d\d)(?: (.+))?$/.exec(label);
  if (!match) return { message: `"${label}" is no outcome label`, hint: LABELS_HINT };
  const [, status, by] = match;
  if (by === undefined) return null;
  const mechanism = Object.hasOwn(MECHANISMS, by) ? MECHANISMS[by] : undefined; // not "constructor" from the prototype
  if (!mechanism) return { message: `"${label}": no outcome is answered by "${by}"`, hint: `did you mean "${status} ${closest(by, Object.keys(MECHANISMS))}"? (${LABELS_HINT})` };
  if (Number(status) !== mechanism.status) return { message: `"${label}": ${by} answers ${mechanism.status}, not ${status}`, hint: `attempts.outcomes.${mechanism.status} ${by}` };
  if (!mechanism.has(scenario.api)) return { message: `"${label}" cannot happen in this variant: it needs ${mechanism.what}`, hint: 'a count that cannot happen reads as 0 and the claim could not fail: claim it on a variant that has one' };
  return null;
}

/**
 * The share of attempts answered 429 is measured on every run, but is 0 by
 * construction where nothing can answer 429: no throttle of the entry point
 * (every API Gateway API has its account's), no cause its profile answers
 * with 429 (a function URL's throttled function, an SQS entry's throttle),
 * and an integration that never answers 429 itself (a Lambda function behind
 * a front door that maps its throttle to another status, an HTTP service).
 */
function throttleProblem(scenario: Scenario): FigureProblem | null {
  const api = scenario.api;
  if (Object.values(MECHANISMS).some((m) => m.status === 429 && m.has(api))) return null;
  if (Object.entries(ENTRY_POINTS[api.type].statusByCause).some(([cause, status]) => status === 429 && !cause.startsWith('throttle-'))) return null;
  if (scenario.integration.type !== 'lambda' && scenario.integration.type !== 'http') return null;
  return { message: `throttleRate cannot rise above 0 % in this variant: nothing in it answers 429 (the ${ENTRY_POINTS[api.type].label} has no throttle, and answers a throttled function with another status)`, hint: 'a share that cannot move could not make the claim fail: claim it on a variant with a throttle, or drop it' };
}

/** Every figure a canary release has (metrics/canary.ts), its times included. */
const CANARY_FIGURES: readonly string[] = (() => {
  const c = { baseRequests: 1, baseErrors: 1, releaseRequests: 1, releaseErrors: 1, alarmed: 1, alarmAtMs: 1, rolledBack: 1, rolledBackAtMs: 1, promoted: 1, promotedAtMs: 1 };
  const names: string[] = [];
  const flatten = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, `${path}.${k}`);
    else names.push(path);
  };
  flatten(summarizeCanary(c, { percentTraffic: 1, slo: 0.999, windowMs: 1 }, 1), 'canary');
  return names;
})();

function canaryProblem(scenario: Scenario, figure: string): FigureProblem | null {
  if (!CANARY_FIGURES.includes(figure)) return { message: `no canary figure "${figure}"`, hint: `did you mean "${closest(figure, CANARY_FIGURES)}"? (${CANARY_FIGURES.join(', ')})` };
  if (!scenario.api.canary) return { message: `"${figure}": this variant has no canary release`, hint: 'claim it on a variant with api.canary (REST APIs)' };
  return null;
}
