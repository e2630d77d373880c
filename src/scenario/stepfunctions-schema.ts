/**
 * A Step Functions workflow started synchronously
 * (`integration.type: stepfunctions`), and its rules, each with the limit it
 * enforces (src/catalog/step-functions.ts).
 */
import { z } from 'zod';
import { valueOrDistribution } from './distribution-schema.js';
import { parseDuration } from './units.js';
import { DURATION_PATTERN, real, size } from './unit-schema.js';

export const stepFunctionsIntegrationSchema = z.strictObject({
  type: z.literal('stepfunctions'),
  workflow: z.enum(['express', 'standard']).default('express').describe('the state machine type: express (StartSyncExecution runs only these)'),
  duration: valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN).optional().describe('an execution from start to end, its states included (default p50 60 ms, p99 250 ms)'),
  memory: size().prefault('64MB').describe('memory an execution uses: 50 MB + the definition + the data of each Map or Parallel step; billed in 64 MB chunks'),
  errorRate: real(0, 1).prefault(0).describe('share of executions that fail (answered 500 through the integration response)'),
});

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

export function checkStepFunctions(spec: z.output<typeof stepFunctionsIntegrationSchema>, problem: Problem): void {
  if (spec.workflow === 'standard') {
    problem(['integration', 'workflow'], 'a Standard workflow cannot be started synchronously', 'StartSyncExecution runs Express workflows only (up to 5 minutes each): use workflow: express; a Standard workflow is started with StartExecution, which answers before it runs (not modelled)');
  }
  if (!(spec.memory > 0)) problem(['integration', 'memory'], 'must be more than 0', 'an execution uses at least 50 MB, billed as 64MB');
}
