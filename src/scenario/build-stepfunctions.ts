/**
 * Builds the Step Functions integration (`integration.type: stepfunctions`):
 * an Express workflow the front door starts synchronously, from the
 * scenario and the catalog's limits (src/catalog/step-functions.ts); the
 * `workflow` role on the bill.
 */
import { EXPRESS, EXPRESS_DURATION, WORKFLOW_FAILED_STATUS } from '../catalog/step-functions.js';
import { createDistribution } from '../model/shared/distribution.js';
import { ExpressWorkflow } from '../model/stepfunctions/express-workflow.js';
import type { BuiltIntegration } from './build-integration.js';
import type { Scenario, StepFunctionsIntegrationSpec } from './schema.js';

export function buildExpressWorkflow(scenario: Scenario): BuiltIntegration {
  const spec = scenario.integration as StepFunctionsIntegrationSpec;
  const workflow = new ExpressWorkflow('workflow', {
    duration: createDistribution(spec.duration ?? { kind: 'percentiles', ...EXPRESS_DURATION }),
    memoryBytes: spec.memory,
    errorRate: spec.errorRate,
    maxDurationMs: EXPRESS.maxDurationMs,
    billedStepMs: EXPRESS.billedStepMs,
    billedMemoryChunkBytes: EXPRESS.billedMemoryChunkBytes,
    failedStatus: WORKFLOW_FAILED_STATUS,
  });
  return { integration: workflow, extras: [], downstream: null, roles: { workflow } };
}
