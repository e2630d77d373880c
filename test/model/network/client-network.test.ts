/**
 * The clients' network honours the component contract: each attempt crosses
 * to a front door and its answer crosses back, once, never into the past,
 * the same way for the same seed; and it adds half a round trip each way
 * (plus the handshakes of a new connection).
 */
import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyTarget } from '../../../src/model/component.js';
import { ClientNetwork, type ClientNetworkOptions } from '../../../src/model/network/client-network.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { componentContract, driveComponent, driven } from '../../contract/component-contract.js';

const constant = (value: number) => createDistribution({ kind: 'constant', value });

/** The network in front of a front door that answers 200 after `serviceMs`; the contract's reply target hears the answers. */
function network(options: Partial<ClientNetworkOptions>, serviceMs = 10): () => Component & Hop {
  return () => {
    const net = new ClientNetwork('network', { rtt: createDistribution({ kind: 'percentiles', p50: 40, p99: 120 }), edge: null, newConnections: 0.3, handshakeRtts: 2, ...options });
    let ctx!: ComponentContext;
    let replyTo!: ReplyTarget;
    const frontDoor: Hop = {
      receive(attempt: Attempt, back: ReplyTarget) {
        const answer: EventCallback<Attempt> = (a) => back.onReply(a, 200, 'ok');
        ctx.sim.schedule(serviceMs, answer, attempt);
      },
    };
    net.connect(frontDoor, { onReply: (attempt, status, cause) => replyTo.onReply(attempt, status, cause) });
    return driven(
      net,
      (c) => (ctx = c),
      (attempt: Attempt, r: ReplyTarget) => {
        replyTo = r;
        net.receive(attempt);
      },
    );
  };
}

describe('ClientNetwork contract', () => {
  componentContract('a network with 30 % new connections', { create: network({}), attempts: 1_000, meanGapMs: 5 });
  componentContract('an edge-optimized path', { create: network({ edge: { rttMs: 20, hop: constant(3) } }), attempts: 1_000, meanGapMs: 5 });
});

describe('ClientNetwork latency', () => {
  it('a kept-alive connection costs one round trip; a new one two more (its handshakes)', () => {
    const kept = driveComponent({ create: network({ rtt: constant(50), newConnections: 0 }, 0), attempts: 100, meanGapMs: 100, evenly: true }, 1);
    expect(new Set(kept.trace.map(([atMs], i) => atMs - i * 100))).toEqual(new Set([50]));
    const fresh = driveComponent({ create: network({ rtt: constant(50), newConnections: 1 }, 0), attempts: 100, meanGapMs: 100, evenly: true }, 1);
    expect(new Set(fresh.trace.map(([atMs], i) => atMs - i * 100))).toEqual(new Set([150]));
    expect(fresh.usage.newConnections).toBe(100);
  });
});
