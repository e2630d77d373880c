/**
 * Every role a simulation can have reaches the bill: it has a pricing
 * function in cost/run-cost.ts, or an entry saying why it is free. A new
 * component given a role without either fails here, instead of pricing to $0
 * unseen.
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/catalog/roles.js';
import { ROLE_BILLING } from '../../src/cost/run-cost.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { runScenario } from '../../src/scenario/run.js';
import { shippedRuns } from '../fingerprint/fingerprint.js';

const runs = shippedRuns();

describe('roles and the bill', () => {
  it.each(ROLES.map((r) => [r]))('%s has a pricing function or says why it is free', (role) => {
    const billing = ROLE_BILLING[role] as unknown;
    if (typeof billing === 'function') return;
    expect(billing, `${role}: neither priced nor free`).toMatchObject({ free: expect.any(String) });
    expect((billing as { free: string }).free.length, `${role}: say why it is free`).toBeGreaterThan(20);
  });

  it('every role a shipped scenario builds is one the bill knows, and every scenario has a front door, a bus or an SDK entry and one integration', () => {
    for (const run of runs) {
      const roles = Object.keys(buildSimulation(run.scenario).roles);
      for (const role of roles) expect(ROLES as readonly string[], `${run.name}: role ${role}`).toContain(role);
      expect(roles.filter((r) => r === 'frontDoor' || r === 'bus' || r === 'sdk'), run.name).toHaveLength(1);
      // a function or a service; or, called straight from the front door with neither, an AWS service (a DynamoDB table, a Step Functions workflow, an SNS topic)
      const integration = roles.filter((r) => r === 'integrationFunction' || r === 'integrationService');
      expect(integration.length, run.name).toBeLessThanOrEqual(1);
      if (integration.length === 0) expect(roles.filter((r) => r === 'table' || r === 'workflow' || r === 'topic'), run.name).toHaveLength(1);
    }
  });

  it("a priced role's usage, as a run reports it, has every field the bill reads, each a finite number >= 0", () => {
    const run = runs.find((r) => r.name.startsWith('scenarios/lessons/authorizer-caching.yaml'))!;
    const result = runScenario({ ...run.scenario, duration: 60_000, warmup: 10_000 });
    const fields: Record<string, string[]> = {
      frontDoor: ['requests', 'billedRequests', 'meteredUnits', 'requestBytes', 'responseBytes', 'processedResponseBytes', 'wafRequests'],
      integrationFunction: ['invocations', 'billedMs', 'provisionedBilledMs'],
      authorizerFunction: ['invocations', 'billedMs', 'provisionedBilledMs'],
    };
    for (const [role, names] of Object.entries(fields)) {
      const used = (result.roles as Record<string, Record<string, number>>)[role];
      expect(used, role).toBeDefined();
      for (const name of names) {
        expect(Number.isFinite(used[name]) && used[name] >= 0, `${role}.${name} = ${used[name]}`).toBe(true);
      }
    }
    expect(result.roles.integrationFunction!.invocations).toBeGreaterThan(0);
  });
});
