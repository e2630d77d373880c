/**
 * A WebSocket API's server push to a room (api.broadcast): the room
 * broadcast sits between the front door and what it calls, and posts each
 * handled message to the room's members (src/model/websocket/room-broadcast.ts).
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import type { Hop } from '../model/component.js';
import { createDistribution } from '../model/shared/distribution.js';
import { TokenBucket } from '../model/shared/token-bucket.js';
import { RoomBroadcast } from '../model/websocket/room-broadcast.js';
import * as D from './defaults.js';
import type { Scenario } from './schema.js';

/** `account`: the front door's account bucket, which the callbacks share (null: the front door has none, so neither have they). */
export function buildBroadcast(scenario: Scenario, integration: Hop, account: TokenBucket | null): RoomBroadcast | null {
  const spec = scenario.api.broadcast;
  if (!spec) return null;
  const profile = ENTRY_POINTS[scenario.api.type];
  const lambda = scenario.integration.type === 'lambda';
  return new RoomBroadcast(
    'broadcast',
    {
      roomSize: spec.roomSize,
      messageBytes: spec.messageSize ?? null,
      postLatency: createDistribution(spec.latency ?? D.BROADCAST_POST_LATENCY),
      // the callbacks share the account's throttle quota per Region (catalog/front-doors.ts: API_GATEWAY_ACCOUNT_BUCKET)
      accountBucket: account ?? new TokenBucket(Infinity, Infinity),
      meteringBytes: profile.meteringBytes,
      // the handler lets the 429 through: the function fails (502 behind a WebSocket API), or the service answers 500
      failure: lambda ? { status: 502, cause: 'lambda-error' } : { status: 500, cause: 'backend-error' },
    },
    integration,
  );
}
