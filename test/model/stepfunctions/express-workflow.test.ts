/**
 * A synchronous Express workflow: the component contract, billing in 100 ms
 * and 64 MB steps worked by hand, the 5-minute limit, failures as the
 * integration response maps them, and an outage that bills nothing.
 */
import { describe, expect, it } from 'vitest';
import { EXPRESS } from '../../../src/catalog/step-functions.js';
import { NO_FAILURE } from '../../../src/model/failure/failure-effects.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { ExpressWorkflow, type ExpressWorkflowOptions } from '../../../src/model/stepfunctions/express-workflow.js';
import { componentContract, driveComponent } from '../../contract/component-contract.js';

const MB = 1024 ** 2;
const options = (o: Partial<ExpressWorkflowOptions> = {}): ExpressWorkflowOptions => ({
  duration: createDistribution({ kind: 'percentiles', p50: 60, p99: 250 }),
  memoryBytes: 64 * MB,
  errorRate: 0,
  maxDurationMs: EXPRESS.maxDurationMs,
  billedStepMs: EXPRESS.billedStepMs,
  billedMemoryChunkBytes: EXPRESS.billedMemoryChunkBytes,
  failedStatus: 500,
  ...o,
});
const constant = (value: number) => createDistribution({ kind: 'constant', value });

describe('ExpressWorkflow', () => {
  componentContract('an Express workflow with failures', { create: () => new ExpressWorkflow('workflow', options({ errorRate: 0.2 })), attempts: 2_000, meanGapMs: 5 });

  it('bills 150 ms as 200 ms and 65 MB as 128 MB: 1,000 executions x 0.2 s x 0.125 GB = 25 GB-seconds', () => {
    const run = driveComponent({ create: () => new ExpressWorkflow('workflow', options({ duration: constant(150), memoryBytes: 65 * MB })), attempts: 1_000, meanGapMs: 10 }, 1);
    expect(run.usage).toMatchObject({ executions: 1_000, failed: 0, timedOut: 0 });
    expect((run.usage as { billedGbSeconds: number }).billedGbSeconds).toBeCloseTo(25, 9);
    expect(run.trace.every(([, , status]) => status === 200)).toBe(true);
  });

  it('times out an execution at 5 minutes, answered as a failure and billed 300 s', () => {
    const run = driveComponent({ create: () => new ExpressWorkflow('workflow', options({ duration: constant(400_000) })), attempts: 3, meanGapMs: 1000, evenly: true }, 1);
    expect(run.trace.map(([t, , status, cause]) => [t, status, cause])).toEqual([
      [300_000, 500, 'workflow-failed'],
      [301_000, 500, 'workflow-failed'],
      [302_000, 500, 'workflow-failed'],
    ]);
    expect(run.usage).toMatchObject({ executions: 3, timedOut: 3, failed: 3 });
    expect((run.usage as { billedGbSeconds: number }).billedGbSeconds).toBeCloseTo(3 * 300 * (64 / 1024), 9);
  });

  it('an outage fails every call at once and starts nothing to bill', () => {
    const workflow = new ExpressWorkflow('workflow', options());
    const run = driveComponent(
      {
        create: () => {
          workflow.setFailure({ ...NO_FAILURE, outage: true });
          return workflow;
        },
        attempts: 10,
        meanGapMs: 5,
      },
      1,
    );
    expect(run.usage).toMatchObject({ executions: 0, billedGbSeconds: 0 });
    expect(run.trace.every(([, , status]) => status === 500)).toBe(true);
  });
});
