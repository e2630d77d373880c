/**
 * A private integration (docs/model.md: Network and endpoint types): API Gateway
 * reaches a service in a VPC through a VPC link and a load balancer. REST
 * and WebSocket APIs' VPC links (v1) need a Network Load Balancer; VPC
 * links v2 reach an Application Load Balancer too, for HTTP APIs and, since
 * AWS extended them, REST APIs ("direct private ALB integration for REST
 * APIs, eliminating the need for an intermediary NLB",
 * https://aws.amazon.com/blogs/compute/build-scalable-rest-apis-using-amazon-api-gateway-private-integration-with-application-load-balancer).
 *
 * The load balancer adds its latency on the way in and counts what it
 * processes (request and response bodies), which its LCUs or NLCUs bill.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import type { Distribution } from '../shared/distribution.js';

/** What a VPC link's load balancer processed for the window's requests. */
export type VpcLinkUsage = { readonly requests: number; readonly processedBytes: number };

export class VpcLink implements Component<VpcLinkUsage>, Hop, ReplyTarget {
  readonly kind = 'vpcLink' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  /** The front door: the one caller of the link. */
  private upstream: ReplyTarget | null = null;
  /** Counted for the attempts of the window's requests (../measurement-window.ts). */
  private readonly counters = { requests: 0, processedBytes: 0 };
  private readonly onPassed: EventCallback<Attempt>;

  constructor(
    readonly id: string,
    private readonly latency: Distribution,
    private readonly service: Hop,
  ) {
    this.onPassed = (attempt) => this.service.receive(attempt, this);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.latency`);
  }

  usage(): VpcLinkUsage {
    return { ...this.counters };
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.upstream = replyTo;
    if (attempt.counted) {
      this.counters.requests++;
      this.counters.processedBytes += attempt.requestBytes;
    }
    this.ctx.sim.schedule(this.latency.sample(this.stream), this.onPassed, attempt);
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (status >= 200 && status < 300 && attempt.counted) this.counters.processedBytes += attempt.responseBytes;
    (this.upstream as ReplyTarget).onReply(attempt, status, cause);
  }
}
