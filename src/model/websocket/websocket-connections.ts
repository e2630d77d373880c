/**
 * WebSocket API connections (DESIGN §4.3). The load's arrivals are new
 * connections; each one, once accepted, sends messages while it is open,
 * and every message is a request through the clients and the front door
 * (throttles, route, integration), like a REST request.
 *
 * - connect: the new-connection rate limit (a token bucket, 500/s per
 *   account and Region by default) refuses with 429; then the `$connect`
 *   authorizer, if any (the only route WebSocket APIs authorize), refuses
 *   with 401/403 or fails with 500. A refused connection sends nothing.
 * - lifetime: drawn per connection, capped at the 2-hour maximum; a
 *   connection with no message for the idle timeout (10 min) is closed by
 *   API Gateway at that moment.
 * - messages: Poisson at `messagesPerSecond` per open connection.
 * Quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 *
 * Usage: connections accepted and refused, connection minutes (billed per
 * minute of connection: https://aws.amazon.com/api-gateway/pricing/), and
 * messages sent. Gauge: open connections.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import { blankRequest, newAttempt } from '../attempt-lifecycle.js';
import type { Attempt, Component, ComponentContext, Gauged, LogicalRequest, ReplyCause, Usage } from '../component.js';
import type { ArrivalTarget } from '../load/open-loop-load.js';
import type { Distribution } from '../shared/distribution.js';
import { TokenBucket } from '../shared/token-bucket.js';
import type { Authorizer, AuthorizerListener } from '../authorizer/authorizer.js';

export interface WebSocketConnectionsOptions {
  duration: Distribution;
  messagesPerSecond: number;
  maxDurationMs: number;
  idleTimeoutMs: number;
  connectBucket: { ratePerSecond: number; burst: number };
  /** The `$connect` authorizer (null: none). */
  authorizer: Authorizer | null;
  /** Identities the authorizer sees (connections are spread over them in turn). */
  identities: number;
  /** No message is sent at or after this time; connections still open then are closed. */
  untilMs: number;
}

interface Connection {
  openedMs: number;
  closesMs: number;
  /** It arrived in the measurement window: its opening, refusal and idle close count. */
  counted: boolean;
}

/** WebSocket connections that arrived in the window: opened, refused, throttled, their messages and minutes. */
export type ConnectionsUsage = {
  readonly connections: number;
  readonly refused: number;
  readonly throttled: number;
  readonly messages: number;
  readonly connectionMs: number;
  readonly idleClosed: number;
  readonly connectionMinutes: number;
};

export class WebSocketConnections implements Component<ConnectionsUsage>, ArrivalTarget, Gauged, AuthorizerListener {
  readonly kind = 'connections' as const;
  private ctx!: ComponentContext;
  private lifetimeStream!: RandomStream;
  private messageStream!: RandomStream;
  private bucket!: TokenBucket;
  private openNow = 0;
  /** Highest `openNow` since `peaks` last looked. */
  private openPeak = 0;
  private nextId = 0;
  private readonly onMessage: EventCallback<Connection>;
  private readonly onClose: EventCallback<Connection>;
  private readonly counters = { connections: 0, refused: 0, throttled: 0, messages: 0, connectionMs: 0, idleClosed: 0 };

  constructor(
    readonly id: string,
    private readonly options: WebSocketConnectionsOptions,
    private readonly messages: ArrivalTarget,
  ) {
    this.onMessage = (c) => this.message(c);
    this.onClose = (c) => this.close(c);
    options.authorizer?.connect(this);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.lifetimeStream = ctx.streams.get(`${this.id}.lifetime`);
    this.messageStream = ctx.streams.get(`${this.id}.messages`);
    this.bucket = new TokenBucket(this.options.connectBucket.ratePerSecond, this.options.connectBucket.burst);
  }

  usage(): ConnectionsUsage {
    return { ...this.counters, connectionMinutes: this.counters.connectionMs / 60_000 };
  }

  gauges(): Record<string, number> {
    return { [`${this.id}.open`]: this.openNow };
  }

  peaks(): Record<string, number> {
    const peaks = { [`${this.id}.open`]: Math.max(this.openPeak, this.openNow) };
    this.openPeak = this.openNow;
    return peaks;
  }

  /** A client opens a connection. */
  arrive(atMs: number): void {
    const steady = this.ctx.window.includes(atMs); // a connection is an arrival of its own
    if (!this.bucket.tryTake(atMs)) {
      if (steady) this.counters.throttled++;
      this.ctx.metrics.count('connectThrottled', atMs, steady);
      return;
    }
    const authorizer = this.options.authorizer;
    if (!authorizer) {
      this.accept(steady);
      return;
    }
    // the $connect request, as an attempt the authorizer can evaluate
    const identity = this.nextId++ % this.options.identities;
    authorizer.authorize(newAttempt(connectRequest(identity, atMs, steady), 1, atMs));
  }

  authorized(attempt: Attempt, refusal: ReplyCause | null): void {
    if (refusal !== null) {
      const counted = attempt.counted;
      if (counted) this.counters.refused++;
      this.ctx.metrics.count('connectRefused', this.ctx.sim.now, counted);
      return;
    }
    this.accept(attempt.counted);
  }

  private accept(counted: boolean): void {
    const nowMs = this.ctx.sim.now;
    if (nowMs >= this.options.untilMs) return;
    const lifetimeMs = Math.min(this.options.duration.sample(this.lifetimeStream), this.options.maxDurationMs);
    const connection: Connection = { openedMs: nowMs, closesMs: Math.min(nowMs + lifetimeMs, this.options.untilMs), counted };
    if (counted) this.counters.connections++;
    this.openNow++;
    if (this.openNow > this.openPeak) this.openPeak = this.openNow;
    this.ctx.metrics.count('connectionsOpened', nowMs, counted);
    this.scheduleNext(connection, nowMs);
  }

  /** The next message, or the close (lifetime over, or idle for the idle timeout first). */
  private scheduleNext(connection: Connection, fromMs: number): void {
    const rate = this.options.messagesPerSecond;
    const gapMs = rate > 0 ? (-1000 / rate) * Math.log1p(-this.messageStream.next()) : Infinity;
    const idleCloseMs = fromMs + this.options.idleTimeoutMs;
    const nextMs = fromMs + gapMs;
    if (nextMs < connection.closesMs && nextMs < idleCloseMs) {
      this.ctx.sim.scheduleAt(nextMs, this.onMessage, connection);
      return;
    }
    if (idleCloseMs < connection.closesMs) {
      connection.closesMs = idleCloseMs;
      if (connection.counted) this.counters.idleClosed++;
    }
    this.ctx.sim.scheduleAt(connection.closesMs, this.onClose, connection);
  }

  private message(connection: Connection): void {
    const nowMs = this.ctx.sim.now;
    if (this.ctx.window.includes(nowMs)) this.counters.messages++; // each message is a request of its own, counted by its arrival
    this.messages.arrive(nowMs, -1);
    this.scheduleNext(connection, nowMs);
  }

  private close(connection: Connection): void {
    this.openNow--;
    // connection minutes are a level over time (what is open, minute by minute): the window's time
    const from = Math.max(connection.openedMs, this.ctx.window.fromMs);
    if (connection.closesMs > from) this.counters.connectionMs += connection.closesMs - from;
  }
}

/** The `$connect` request of a connection (not a message: the clients never see it). */
function connectRequest(identity: number, atMs: number, counted: boolean): LogicalRequest {
  const request = blankRequest();
  request.id = -1;
  request.arrivalMs = atMs;
  request.counted = counted;
  request.attempts = 1;
  request.caller = identity;
  return request;
}
