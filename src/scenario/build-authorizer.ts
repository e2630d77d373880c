/**
 * Who may call: the authorizer a scenario asks for (with its function, for a
 * Lambda authorizer), with the defaults of the front door it is on (its
 * catalog profile: how long a decision is cached, or a session), and a
 * WebSocket API's connections, which it authorizes on $connect.
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import { Authorizer, type AuthorizerOptions } from '../model/authorizer/authorizer.js';
import { ScopedAuthorizer } from '../model/authorizer/scoped-authorizer.js';
import type { ClientPool } from '../model/client/client-pool.js';
import type { LambdaAccount } from '../model/lambda/lambda-account.js';
import type { LambdaFunction } from '../model/lambda/lambda-function.js';
import { createDistribution } from '../model/shared/distribution.js';
import { WebSocketConnections } from '../model/websocket/websocket-connections.js';
import { buildLambda } from './build-integration.js';
import { identityParts } from './access-schema.js';
import * as D from './defaults.js';
import { durationAtMemory, type Scenario } from './schema.js';

export interface BuiltAuthorizer {
  readonly authorizer: Authorizer;
  readonly lambda: LambdaFunction | null;
}

export function buildAuthorizer(scenario: Scenario, account: LambdaAccount): BuiltAuthorizer | null {
  const spec = scenario.api.authorizer;
  if (!spec) return null;
  const profile = ENTRY_POINTS[scenario.api.type];
  const fn = spec.type === 'lambda' ? spec.function : undefined;
  const lambda = fn ? buildLambda('authorizer.function', { ...fn, duration: durationAtMemory(fn) ?? D.AUTHORIZER_FUNCTION_DURATION }, account, scenario.initialState?.authorizer?.warm) : null;
  // on an ALB the identity provider's login is followed by a session; API Gateway caches a
  // decision for the time its profile gives that authorizer type (a Lambda's: 300 s on REST APIs, none on HTTP APIs)
  const session = profile.mode === 'sync' ? profile.authorizerSessionMs : null;
  const cachedFor = profile.mode === 'sync' ? (profile.authorizerCacheTtlMs[spec.type] ?? 0) : 0;
  const parts = identityParts(scenario.api.type, spec);
  // a REQUEST authorizer with no identity source does not cache: its values are the cache key (API_Authorizer.html, identitySource)
  const keyless = !parts.caller && !parts.route && !parts.key;
  const options: AuthorizerOptions = {
    kind: spec.type,
    lambda,
    latency: createDistribution(spec.latency ?? (session !== null ? D.OIDC_LOGIN_LATENCY : D.AUTHORIZER_CHECK_LATENCY)),
    cacheTtlMs: keyless ? 0 : (spec.cacheTtl ?? session ?? cachedFor),
    denyRatio: spec.denyRatio,
    // a Lambda authorizer's Deny policy and a bad IAM signature are 403; an invalid JWT or Cognito token 401
    refusal: spec.type === 'lambda' || spec.type === 'iam' ? 'auth-denied' : 'auth-unauthorized',
    identities: scenario.load.virtualUsers ?? scenario.clients.count,
    ...(spec.unauthorizedRatio > 0 ? { unauthorizedRatio: spec.unauthorizedRatio } : {}),
  };
  // the plain authorizer (keyed by caller, a policy for every route) unless the scenario asks for more
  const scoped = !(parts.caller && !parts.route && !parts.key) || spec.policyCovers === 'route' || spec.missingIdentityRatio > 0;
  const authorizer = scoped
    ? new ScopedAuthorizer('authorizer', {
        ...options,
        parts,
        routes: scenario.load.routes?.length ?? 1,
        keys: scenario.load.keys.count,
        policyPerRoute: spec.policyCovers === 'route',
        missingIdentityRatio: spec.missingIdentityRatio,
      })
    : new Authorizer('authorizer', options);
  return { authorizer, lambda };
}

/** A WebSocket API's connections: they arrive, pass the new-connection bucket and the $connect authorizer, and send messages. */
export function buildConnections(scenario: Scenario, client: ClientPool, authorizer: Authorizer | null): WebSocketConnections {
  const spec = scenario.load.connection as NonNullable<Scenario['load']['connection']>;
  const bucket = scenario.api.throttle.connections ?? { rate: D.WEBSOCKET_CONNECT_RATE_PER_S, burst: D.WEBSOCKET_CONNECT_BURST };
  return new WebSocketConnections(
    'connections',
    {
      duration: createDistribution(spec.duration),
      messagesPerSecond: spec.messages,
      maxDurationMs: D.WEBSOCKET_MAX_CONNECTION_MS,
      idleTimeoutMs: D.WEBSOCKET_IDLE_TIMEOUT_MS,
      connectBucket: { ratePerSecond: bucket.rate, burst: bucket.burst },
      authorizer,
      identities: scenario.clients.count,
      untilMs: scenario.duration,
    },
    client,
  );
}
