/**
 * An HTTP service behind the front door: `servers` identical servers, a FIFO
 * queue of bounded (or unbounded) length and a service-time distribution.
 * A request that finds the queue full is rejected at once with the
 * configured status (503 Service Unavailable by default). Work whose client
 * has already left is still served: the service cannot know.
 *
 * Left out (yet): LIFO, service time stretching with utilisation, dropping
 * expired work, failures (DESIGN §4.6, §4.7).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyTarget, Usage } from '../component.js';
import type { Distribution } from '../shared/distribution.js';
import { RingQueue } from '../shared/ring-queue.js';

export interface HttpBackendOptions {
  servers: number;
  /** Requests that may wait (not counting those in service); Infinity for unbounded. */
  queueCapacity: number;
  service: Distribution;
  rejectStatus: number;
}

export const BACKEND_OK_STATUS = 200;

interface Job {
  attempt: Attempt;
  replyTo: ReplyTarget;
  enqueuedMs: number;
}

export class HttpBackend implements Component, Hop, Gauged {
  readonly kind = 'backend' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private readonly waiting = new RingQueue<Job>();
  private busy = 0;
  private readonly onDone: EventCallback<Job>;
  private readonly counters = { served: 0, rejected: 0, waitMsTotal: 0, waited: 0, peakQueue: 0 };

  constructor(
    readonly id: string,
    private readonly options: HttpBackendOptions,
  ) {
    this.onDone = (job) => this.complete(job);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.service`);
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const nowMs = this.ctx.sim.now;
    const job: Job = { attempt, replyTo, enqueuedMs: nowMs };
    if (this.busy < this.options.servers) {
      this.serve(job, nowMs);
      return;
    }
    if (this.waiting.size >= this.options.queueCapacity) {
      if (nowMs >= this.ctx.warmupMs) this.counters.rejected++;
      this.ctx.metrics.count('backendRejected', nowMs);
      replyTo.onReply(attempt, this.options.rejectStatus, 'backend-full');
      return;
    }
    this.waiting.push(job);
    if (this.waiting.size > this.counters.peakQueue && nowMs >= this.ctx.warmupMs) this.counters.peakQueue = this.waiting.size;
  }

  usage(): Usage {
    return { ...this.counters };
  }

  gauges(): Record<string, number> {
    return { [`${this.id}.busy`]: this.busy, [`${this.id}.queue`]: this.waiting.size };
  }

  private serve(job: Job, nowMs: number): void {
    this.busy++;
    if (job.attempt.request.counted) {
      this.counters.waited++;
      this.counters.waitMsTotal += nowMs - job.enqueuedMs;
    }
    this.ctx.sim.schedule(this.options.service.sample(this.stream), this.onDone, job);
  }

  private complete(job: Job): void {
    this.busy--;
    const nowMs = this.ctx.sim.now;
    if (nowMs >= this.ctx.warmupMs) this.counters.served++;
    const next = this.waiting.shift();
    if (next) this.serve(next, nowMs);
    job.replyTo.onReply(job.attempt, BACKEND_OK_STATUS, 'ok');
  }
}
