/**
 * Route 53 failover routing between two Regions (docs/model.md:
 * Multi-Region failover): a primary record with a health check and a
 * secondary (standby) record
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html).
 * While the health check says the primary is healthy, DNS answers with the
 * primary; once it says unhealthy, with the standby; and back again.
 *
 * Clients do not move at once: each keeps the answer it has until its
 * cache expires. ASSUMPTION: the clients are many and their cached answers'
 * ages are spread evenly over the record's TTL, so after a change the share
 * of attempts sent to the new Region grows linearly from 0 to 1 over the
 * TTL, after `clientCacheMs` more that clients (JVMs, browsers, proxies)
 * keep an answer beyond its TTL. Each attempt draws which answer its client
 * holds from the stream `<id>.dns`.
 *
 * It is the clients' front door (a Hop): the client pool, or the network,
 * sends every attempt here, and the chosen Region's front door answers the
 * client directly.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyTarget } from '../component.js';
import type { HealthListener } from './route53-health-check.js';

export interface DnsFailoverOptions {
  readonly ttlMs: number;
  readonly clientCacheMs: number;
}

/** Attempts of the window's requests each Region's front door got. */
export type DnsFailoverUsage = { readonly primaryAttempts: number; readonly standbyAttempts: number };

export class DnsFailover implements Component<DnsFailoverUsage>, Hop, HealthListener, Gauged {
  readonly kind = 'network' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  /** The share of clients on the standby when the latest change began, the share it goes to, and when. */
  private fromShare = 0;
  private toShare = 0;
  private changedMs = 0;
  private peakShare = 0;
  private readonly counters = { primaryAttempts: 0, standbyAttempts: 0 };

  constructor(
    readonly id: string,
    private readonly options: DnsFailoverOptions,
    private readonly primary: Hop,
    private readonly standby: Hop,
  ) {}

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.dns`);
  }

  usage(): DnsFailoverUsage {
    return { ...this.counters };
  }

  /** The share of clients whose cached answer is the standby, at `nowMs`. */
  standbyShare(nowMs: number): number {
    const { ttlMs, clientCacheMs } = this.options;
    const moved = Math.min(1, Math.max(0, (nowMs - this.changedMs - clientCacheMs) / ttlMs));
    return this.fromShare + (this.toShare - this.fromShare) * moved;
  }

  healthChanged(healthy: boolean, atMs: number): void {
    this.fromShare = this.standbyShare(atMs);
    this.toShare = healthy ? 0 : 1;
    this.changedMs = atMs;
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const share = this.standbyShare(this.ctx.sim.now);
    if (share > this.peakShare) this.peakShare = share;
    const toStandby = share > 0 && this.stream.next() < share;
    if (attempt.counted) this.counters[toStandby ? 'standbyAttempts' : 'primaryAttempts']++;
    (toStandby ? this.standby : this.primary).receive(attempt, replyTo);
  }

  gauges(nowMs: number): Record<string, number> {
    return { [`${this.id}.standbyShare`]: this.standbyShare(nowMs) };
  }

  peaks(nowMs: number): Record<string, number> {
    const peak = Math.max(this.peakShare, this.standbyShare(nowMs));
    this.peakShare = this.standbyShare(nowMs);
    return { [`${this.id}.standbyShare`]: peak };
  }
}
