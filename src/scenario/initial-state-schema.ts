/**
 * `initialState` (issue 8): what a run starts with instead of an empty, cold
 * system: idle warm environments of the Lambda functions, a primed REST
 * cache, a backlog waiting at an HTTP service. It is keyed by the names the
 * scenario already gives those parts (`integration`, the `authorizer`'s
 * function, the integration's `downstream`, the api's `cache`), as failure
 * windows' targets are, so one word means one part everywhere.
 *
 * The checks tie it to the rest of the scenario: the part must exist, and
 * what is asked for must fit its limits (reserved concurrency, the account's
 * unreserved pool, the queue's capacity).
 */
import { z } from 'zod';
import { MAX_LAMBDA_CONCURRENCY, MAX_QUEUE } from './limits.js';
import { fractionOrFull, whole } from './unit-schema.js';
import type { LambdaFunctionSpec, Problem, Scenario } from './schema.js';

const warm = () => whole(0, MAX_LAMBDA_CONCURRENCY).describe('idle warm environments at t=0, beside the provisioned ones: no cold start for them');
const queue = () => whole(0, MAX_QUEUE).describe('requests already waiting at t=0, with every server busy: a backlog to drain');

export const initialState = z
  .strictObject({
    integration: z
      .strictObject({ warm: warm().optional(), queue: queue().optional() })
      .optional()
      .describe('warm: a Lambda integration; queue: an HTTP integration'),
    authorizer: z.strictObject({ warm: warm() }).optional().describe("the Lambda authorizer's function"),
    downstream: z.strictObject({ queue: queue() }).optional().describe("the Lambda integration's downstream service"),
    cache: z
      .strictObject({ primed: fractionOrFull().describe("share of the cache's entries filled at t=0 with the most popular keys, fresh; or full") })
      .optional()
      .describe('the REST response cache (its LRU model)'),
  })
  .optional()
  .describe('start warm instead of cold: warm Lambda environments, a primed cache, a backlog (docs/scenario-reference.md: initialState)');

type InitialState = NonNullable<Scenario['initialState']>;

export function checkInitialState(s: Scenario, problem: Problem): void {
  const init = s.initialState;
  if (!init) return;
  checkWarm(s, init, problem);
  checkCache(s, init, problem);
  checkBacklog(['initialState', 'integration', 'queue'], init.integration?.queue, s.integration.type === 'http' ? s.integration : undefined, problem, {
    missing: ['applies only to an HTTP integration', 'a Lambda integration has no queue: give initialState.integration.warm, or initialState.downstream.queue for its downstream'],
    capacityAt: 'integration.queue.capacity',
  });
  checkBacklog(['initialState', 'downstream', 'queue'], init.downstream?.queue, s.integration.type === 'lambda' ? s.integration.downstream : undefined, problem, {
    missing: ['there is no downstream', 'add integration.downstream to the Lambda integration, or initialState.integration.queue for an HTTP integration'],
    capacityAt: 'integration.downstream.queue.capacity',
  });
}

/**
 * A function cannot have more environments than it may run at once: its
 * reserved concurrency (provisioned ones included), or, without one, the
 * account's unreserved pool, which every such function's warm ones share.
 */
function checkWarm(s: Scenario, init: InitialState, problem: Problem): void {
  // an SQS queue's consumer is the integration's function: ./build-queue.ts starts it with these warm environments
  const integration = s.integration.type === 'lambda' ? s.integration : s.integration.type === 'sqs' ? s.integration.consumer : undefined;
  const authorizer = s.api.authorizer?.function;
  const limit = s.account.lambdaConcurrency;
  const pool = limit - [integration, authorizer].reduce((sum, f) => sum + (f ? (f.concurrency.reserved ?? f.concurrency.provisioned) : 0), 0);
  const asked: Array<[PropertyKey[], LambdaFunctionSpec | undefined, number | undefined, [string, string]]> = [
    [['initialState', 'integration', 'warm'], integration, init.integration?.warm, ['applies only to a Lambda integration or an SQS queue\'s consumer', 'an HTTP integration has no environments: give initialState.integration.queue for a backlog']],
    [['initialState', 'authorizer', 'warm'], authorizer, init.authorizer?.warm, ['there is no Lambda authorizer function', 'add api.authorizer with type: lambda and its function, or remove initialState.authorizer']],
  ];
  let pooled = 0;
  for (const [path, f, warm, [missing, hint]] of asked) {
    if (warm === undefined) continue;
    if (!f) {
      problem(path, missing, hint);
      continue;
    }
    const { reserved, provisioned } = f.concurrency;
    if (reserved !== undefined) {
      if (provisioned + warm > reserved) problem(path, `${provisioned > 0 ? `with ${provisioned} provisioned ` : ''}makes ${provisioned + warm} environments, above the function's reserved concurrency (${reserved})`, `provisioned and warm environments both count against reserved concurrency: give at most ${Math.max(0, reserved - provisioned)}`);
      continue;
    }
    pooled += warm;
    if (pooled > pool) problem(path, `takes the account's unreserved pool to ${pooled} environments of ${pool}`, `functions without reserved concurrency share what account.lambdaConcurrency (${limit}) leaves after reservations: warm fewer, or raise it`);
  }
}

function checkCache(s: Scenario, init: InitialState, problem: Problem): void {
  if (!init.cache) return;
  const path = ['initialState', 'cache'];
  const cache = s.api.cache;
  if (!cache) problem(path, 'there is no response cache to prime', 'add api.cache (REST APIs only), or remove initialState.cache');
  else if (cache.hitRatio !== undefined) problem(path, 'cannot prime a fixed hitRatio, which holds no entries', 'remove api.cache.hitRatio to use the LRU model, or remove initialState.cache');
  else if (cache.ttl <= 0) problem(path, 'cannot prime a cache with ttl 0s, which stores nothing', 'give api.cache.ttl above 0s');
}

function checkBacklog(path: PropertyKey[], queued: number | undefined, service: { queue: { capacity: number } } | undefined, problem: Problem, says: { missing: [string, string]; capacityAt: string }): void {
  if (queued === undefined) return;
  if (!service) problem(path, ...says.missing);
  else if (queued > service.queue.capacity) problem(path, `is more than the queue holds (${service.queue.capacity})`, `raise ${says.capacityAt}, or queue fewer`);
}
