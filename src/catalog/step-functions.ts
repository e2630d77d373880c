/**
 * AWS Step Functions Express workflows called synchronously
 * (src/model/stepfunctions/): the integration behind a REST API's AWS
 * service integration or an HTTP API's first-class
 * StepFunctions-StartSyncExecution integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html).
 * Each figure with its AWS page; this folder imports nothing.
 */

export type WorkflowType = 'express' | 'standard';

const MB = 1024 ** 2;

/**
 * StartSyncExecution "Starts a Synchronous Express state machine execution.
 * StartSyncExecution is not available for STANDARD workflows"
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html).
 * Express workflows "can run for up to five minutes"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html;
 * the AWS Compute Blog, "Building cost-effective AWS Step Functions
 * workflows": "Express Workflows can run for a maximum duration of 5
 * minutes"); an execution still running then times out. Behind API
 * Gateway the front door's own integration time-out (29 s REST, 30 s HTTP)
 * comes first.
 *
 * Billing (https://aws.amazon.com/step-functions/pricing/): "Duration is
 * calculated from the time your workflow begins executing until it
 * completes or otherwise terminates, rounded up to the nearest 100ms, and
 * the amount of memory used in the execution of your workflow, billed in
 * 64-MB chunks"; "Workflow memory utilized = 50 MB + state machine
 * definition size + execution data size x Number of Parallel or Map Steps".
 */
export const EXPRESS = {
  maxDurationMs: 5 * 60_000,
  billedStepMs: 100,
  billedMemoryChunkBytes: 64 * MB,
  baseMemoryBytes: 50 * MB,
} as const;

/**
 * A failed or timed-out synchronous execution is still answered 200 by
 * StartSyncExecution, with `status: FAILED` or `TIMED_OUT` in its body
 * (API_StartSyncExecution.html, Response Elements). ASSUMPTION: the API's
 * integration response (a mapping template on REST; a response parameter
 * mapping on HTTP) turns those into 500, the common pattern; left alone the
 * client would see 200.
 */
export const WORKFLOW_FAILED_STATUS = 500;

/**
 * ASSUMPTION: AWS publishes no StartSyncExecution overhead; a few tens of
 * milliseconds on top of the workflow's own states, as commonly measured.
 * The scenario gives the workflow's duration, overhead included.
 */
export const EXPRESS_DURATION = { p50: 60, p99: 250 } as const;
