/**
 * A canary release on the API's stage (`api.canary`): the share of traffic
 * the new integration version gets, what that version changes, its
 * promotion, and the CloudWatch alarm that rolls it back
 * (docs/model.md: Canary releases), with the limits API Gateway and
 * CloudWatch enforce.
 */
import { z } from 'zod';
import { ENTRY_POINTS, pluralLabel, typesOffering } from '../catalog/entry-points.js';
import { valueOrDistribution } from './distribution-schema.js';
import { duration, DURATION_PATTERN, real, whole } from './unit-schema.js';
import { parseDuration } from './units.js';
import * as D from './defaults.js';

const durationDistribution = () => valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN);

export const canarySchema = z
  .strictObject({
    percentTraffic: real(0, 100, { why: "percentTraffic is the percentage of the stage's requests the canary gets, 0.0 to 100.0, as API Gateway's canarySettings take it: e.g. percentTraffic: 10" }).describe(
      "percentage of the stage's requests sent to the canary, 0 to 100",
    ),
    integration: z
      .strictObject({
        errorRate: real(0, 1).optional().describe("the new version's share of invocations (requests) that fail"),
        duration: durationDistribution().optional().describe("Lambda: the new version's handler run time"),
        coldStart: durationDistribution().optional().describe("Lambda: the new version's INIT time"),
        service: durationDistribution().optional().describe("HTTP: the new deployment's service time"),
      })
      .prefault({})
      .describe("what the canary's integration version changes; the rest is the integration's"),
    promoteAt: duration().optional().describe('when the canary is promoted and takes all traffic (none: never)'),
    rollback: z
      .strictObject({
        alarm: z
          .strictObject({
            threshold: real(0, 1).describe("the canary's error rate (5XXError Average) above which a data point breaches"),
            period: duration().prefault('1m').describe('length of each data point: 1m or a multiple of it'),
            evaluationPeriods: whole(1, D.ALARM_MAX_EVALUATION_PERIODS).describe('N: the most recent data points the alarm looks at'),
            datapointsToAlarm: whole(1, D.ALARM_MAX_EVALUATION_PERIODS).optional().describe('M: breaching data points among them that fire it (default N)'),
          })
          .describe('the CloudWatch alarm on the canary error rate'),
        delay: duration()
          .prefault(`${D.CANARY_ROLLBACK_DELAY_MS / 1000}s`)
          .describe("from the alarm period's end to the rollback taking effect: CloudWatch's publish-and-evaluate delay (about a minute) and the alarm's action (default 60s)"),
      })
      .optional()
      .describe('roll back (all traffic to the base version) when the alarm fires'),
    errorBudget: z
      .strictObject({
        slo: real(0, 1).prefault(D.CANARY_SLO).describe('the availability objective, e.g. 0.999'),
        window: duration().prefault(`${D.CANARY_SLO_WINDOW_MS / 86_400_000}d`).describe("the SLO's window"),
      })
      .prefault({})
      .describe('what the burned errors are a share of'),
  })
  .optional()
  .describe("a canary release on the stage (REST only): a share of requests goes to a new integration version, promoted at a set time or rolled back by a CloudWatch alarm");

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

/** What the section needs of the rest of the scenario. */
interface CanaryScenario {
  readonly duration: number;
  readonly api: { readonly type: keyof typeof ENTRY_POINTS; readonly canary?: z.output<typeof canarySchema> };
  readonly integration: { readonly type: string; readonly downstream?: unknown; readonly dynamodb?: unknown; readonly concurrency?: { readonly reserved?: number } };
  readonly failover?: unknown;
}

/** API Gateway's and CloudWatch's rules, and what the model's canary can be. */
export function checkCanary(s: CanaryScenario, problem: Problem): void {
  const c = s.api.canary;
  if (!c) return;
  const at = (...path: PropertyKey[]) => ['api', 'canary', ...path];
  if (!ENTRY_POINTS[s.api.type].features.has('canary')) {
    problem(at(), `${pluralLabel(s.api.type)} do not have canary releases`, `only ${typesOffering('canary')} offers them (a stage's canary settings); remove it or change api.type`);
    return;
  }
  checkVersion(s, problem);
  if (c.promoteAt !== undefined && c.promoteAt >= s.duration) problem(at('promoteAt'), 'is not inside the run', `the run lasts ${s.duration / 1000}s; promote before it ends, or leave promoteAt out`);
  if (s.failover !== undefined) problem(at(), 'is not modelled with a failover yet', "the standby Region's stage would need its own canary: remove failover or the canary");
  if (c.errorBudget.slo >= 1) problem(at('errorBudget', 'slo'), 'leaves no error budget', 'an objective of 1 (100 %) allows no error at all: give e.g. slo: 0.999');
  const alarm = c.rollback?.alarm;
  if (!alarm) return;
  const a = (key: string) => at('rollback', 'alarm', key);
  if (alarm.period <= 0 || alarm.period % D.APIGW_METRIC_PERIOD_MS !== 0) {
    problem(a('period'), `${alarm.period / 1000}s is not a whole number of minutes`, 'API Gateway sends its metrics to CloudWatch every minute: an alarm on them takes a period of 1m or a multiple of it');
  } else {
    const windowMs = alarm.period * alarm.evaluationPeriods;
    const maxMs = alarm.period < 3_600_000 ? D.ALARM_MAX_RANGE_SHORT_PERIOD_MS : D.ALARM_MAX_RANGE_MS;
    if (windowMs > maxMs) problem(a('evaluationPeriods'), `makes the alarm look back ${windowMs / 3_600_000} h, more than ${maxMs / 3_600_000} h`, 'CloudWatch limits period × evaluationPeriods to one day (periods under an hour) or seven days');
  }
  if (alarm.datapointsToAlarm !== undefined && alarm.datapointsToAlarm > alarm.evaluationPeriods) {
    problem(a('datapointsToAlarm'), `${alarm.datapointsToAlarm} is more than evaluationPeriods (${alarm.evaluationPeriods})`, 'an "M out of N" alarm fires when M of the N most recent data points breach: datapointsToAlarm (M) is at most evaluationPeriods (N)');
  }
}

/** The canary's integration version: a Lambda function or an HTTP service, with the fields of its type. */
function checkVersion(s: CanaryScenario, problem: Problem): void {
  const c = s.api.canary as NonNullable<CanaryScenario['api']['canary']>;
  const type = s.integration.type;
  const at = (...path: PropertyKey[]) => ['api', 'canary', ...path];
  if (type !== 'lambda' && type !== 'http') {
    problem(at(), `is not modelled for ${type === 'sqs' ? 'an SQS' : `a ${type}`} integration`, "a canary's own version is modelled for a Lambda function or an HTTP service");
    return;
  }
  if (type === 'lambda') {
    if (s.integration.downstream !== undefined || s.integration.dynamodb !== undefined) problem(at(), "is not modelled for a function with a dependency", 'the new version would share the dependency: remove downstream or dynamodb, or the canary');
    if (s.integration.concurrency?.reserved !== undefined) problem(at(), 'is not modelled for a function with reserved concurrency', "both versions share the function's reserved concurrency, which the model does not split: remove integration.concurrency.reserved or the canary");
    if (c.integration.service !== undefined) problem(at('integration', 'service'), 'is for an HTTP service', "a Lambda function's new version takes errorRate, duration and coldStart");
  } else {
    for (const key of ['duration', 'coldStart'] as const) if (c.integration[key] !== undefined) problem(at('integration', key), 'is for a Lambda function', "an HTTP service's new deployment takes errorRate and service");
  }
}
