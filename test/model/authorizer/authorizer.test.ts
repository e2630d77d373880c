/**
 * The authorizer honours the component contract (same seed same trace,
 * nothing in the past, one decision per attempt, usage >= 0), checked
 * through a small adapter that asks it as a front door's authorizer stage
 * does; and its cache: one evaluation per identity per TTL.
 */
import { describe, expect, it } from 'vitest';
import type { Attempt, Component, ComponentContext, Hop, ReplyTarget } from '../../../src/model/component.js';
import { Authorizer, type AuthorizerOptions } from '../../../src/model/authorizer/authorizer.js';
import { LambdaAccount } from '../../../src/model/lambda/lambda-account.js';
import { LambdaFunction, LAMBDA_SCALING } from '../../../src/model/lambda/lambda-function.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { componentContract, driveComponent } from '../../contract/component-contract.js';

const constant = (value: number) => createDistribution({ kind: 'constant', value });

/** The authorizer asked for each attempt it receives, its decision answered as 200 (allowed) or the refusal's status. */
function asHop(options: Partial<AuthorizerOptions>, withFunction = false): () => Component & Hop {
  return () => {
    const lambda = withFunction
      ? new LambdaFunction('auth.fn', {
          memoryMb: 128,
          architecture: 'arm64',
          duration: createDistribution({ kind: 'percentiles', p50: 20, p99: 80 }),
          coldStart: constant(200),
          keepAlive: constant(600_000),
          account: new LambdaAccount(1_000),
          reserved: null,
          provisioned: 0,
          warmAtStart: undefined,
          scaling: LAMBDA_SCALING,
          timeoutMs: 3_000,
          errorRate: 0.05,
        })
      : null;
    const authorizer = new Authorizer('auth', { kind: withFunction ? 'lambda' : 'jwt', lambda, latency: constant(2), cacheTtlMs: 0, denyRatio: 0.2, refusal: 'auth-denied', identities: 20, ...options });
    const waiting = new Map<Attempt, ReplyTarget>();
    authorizer.connect({
      authorized(attempt, refusal) {
        const replyTo = waiting.get(attempt)!;
        waiting.delete(attempt);
        replyTo.onReply(attempt, refusal === null ? 200 : refusal === 'auth-failure' ? 500 : 403, refusal ?? 'ok');
      },
    });
    return {
      id: 'auth',
      kind: 'authorizer',
      start(ctx: ComponentContext) {
        lambda?.start(ctx);
        authorizer.start(ctx);
      },
      usage: () => authorizer.usage(),
      receive(attempt: Attempt, replyTo: ReplyTarget) {
        waiting.set(attempt, replyTo);
        authorizer.authorize(attempt);
      },
    };
  };
}

describe('Authorizer contract', () => {
  componentContract('a JWT authorizer refusing a share, no cache', { create: asHop({}), attempts: 1_000, meanGapMs: 5 });
  componentContract('a JWT authorizer with a 1 s cache', { create: asHop({ cacheTtlMs: 1_000 }), attempts: 1_000, meanGapMs: 5 });
  componentContract('a Lambda authorizer (cold starts, errors) with a 500 ms cache', { create: asHop({ cacheTtlMs: 500 }, true), attempts: 1_000, meanGapMs: 5 });
});

describe('Authorizer cache', () => {
  it('evaluates an identity once per TTL: one caller, 10 s of traffic and a 2 s TTL give 5 evaluations', () => {
    // the contract's attempts all carry caller 0: one identity. An evaluation takes 2 ms, and its
    // decision is fresh for 2 s from then, so attempts at 0, ~2.005, ~4.01, ~6.015 and ~8.02 s evaluate
    const run = driveComponent({ create: asHop({ cacheTtlMs: 2_000, denyRatio: 0 }), attempts: 2_000, meanGapMs: 5, evenly: true }, 3);
    expect(run.usage.evaluations).toBe(5);
    // every other attempt is answered from the cache, or arrived while the evaluation ran (those evaluate too: none here)
    expect(run.usage.evaluations + run.usage.cacheHits).toBe(2_000);
  });
});
