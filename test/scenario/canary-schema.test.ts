/**
 * A canary release's bad input, each one clear error at the field to
 * change, on its line, with a hint: a share over 100 % (API Gateway's
 * percentTraffic is 0.0 to 100.0, API_DeploymentCanarySettings), an alarm
 * that needs more breaching data points than it looks at (CloudWatch's
 * datapointsToAlarm is at most evaluationPeriods, alarm-evaluation.html), a
 * canary on an API type without canary settings (HTTP APIs have none,
 * http-api-vs-rest.html), and the limits of CloudWatch alarms on API
 * Gateway's one-minute metrics.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { problemsOf } from './problems-of.js';

function scenario(canary: string, type = 'rest', integration = '{ type: lambda, duration: 40ms }'): string {
  return `name: c
duration: 10m
load: { rate: 10/s }
api:
  type: ${type}
  canary:
${canary
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
integration: ${integration}
`;
}

const ALARM = 'rollback:\n  alarm: { threshold: 0.05, period: 1m, evaluationPeriods: 3 }';

describe('api.canary', () => {
  it('takes a share, the new version, a promotion and an alarm, and fills in the defaults', () => {
    const s = parseScenario(scenario(`percentTraffic: 10\nintegration: { errorRate: 0.2, duration: 80ms }\npromoteAt: 5m\n${ALARM}`), 'f.yaml');
    const c = s.api.canary!;
    expect(c.percentTraffic).toBe(10);
    expect(c.promoteAt).toBe(300_000);
    expect(c.rollback?.alarm).toEqual({ threshold: 0.05, period: 60_000, evaluationPeriods: 3 });
    // CloudWatch evaluates an alarm of 1-minute periods once a minute (AlarmThatSendsEmail.html): a minute from a period's end to the rollback
    expect(c.rollback?.delay).toBe(60_000);
    expect(c.errorBudget).toEqual({ slo: 0.999, window: 30 * 86_400_000 });
  });

  it.each([
    ['a share over 100 %', scenario('percentTraffic: 150'), 'api.canary.percentTraffic', 7, /150 is too large: it must be at most 100/, /0\.0 to 100\.0/],
    ['an alarm with more datapoints to alarm than evaluation periods', scenario(`percentTraffic: 10\n${ALARM.replace('evaluationPeriods: 3', 'evaluationPeriods: 3, datapointsToAlarm: 4')}`), 'api.canary.rollback.alarm.datapointsToAlarm', 9, /4 is more than evaluationPeriods \(3\)/, /M out of N/],
    ['a canary on an HTTP API', scenario('percentTraffic: 10', 'http'), 'api.canary', 7, /HTTP APIs do not have canary releases/, /only REST API offers them/],
    ['a canary on an ALB', scenario('percentTraffic: 10', 'alb'), 'api.canary', 7, /Application Load Balancers do not have canary releases/, /only REST API/],
    ['an alarm period of 30 s on a metric published every minute', scenario(`percentTraffic: 10\n${ALARM.replace('1m', '30s')}`), 'api.canary.rollback.alarm.period', 9, /30s is not a whole number of minutes/, /every minute/],
    ['an alarm looking back more than a day', scenario(`percentTraffic: 10\n${ALARM.replace('evaluationPeriods: 3', 'evaluationPeriods: 1440').replace('1m', '5m')}`), 'api.canary.rollback.alarm.evaluationPeriods', 9, /look back 120 h, more than 24 h/, /one day/],
    ['a promotion after the run', scenario('percentTraffic: 10\npromoteAt: 20m'), 'api.canary.promoteAt', 8, /is not inside the run/, /10m|600s/],
    ['a coldStart for an HTTP service', scenario('percentTraffic: 10\nintegration: { coldStart: 1s }', 'rest', '{ type: http, servers: 2, service: 20ms }'), 'api.canary.integration.coldStart', 8, /is for a Lambda function/, /errorRate and service/],
    ['a function with reserved concurrency', scenario('percentTraffic: 10', 'rest', '{ type: lambda, duration: 40ms, concurrency: { reserved: 50 } }'), 'api.canary', 7, /reserved concurrency/, /remove/],
  ])('refuses %s with one error at the field', (_, text, path, line, message, hint) => {
    const problems = problemsOf(text);
    expect(problems, JSON.stringify(problems)).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].line).toBe(line);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toMatch(hint);
  });
});
