/**
 * A Lambda function: a pool of execution environments.
 *
 * An invocation takes the most recently used idle environment (provisioned
 * ones first, they never expire); if none is idle and the concurrency limit
 * allows, a new environment starts cold (INIT time from a distribution,
 * added to the latency and, as AWS bills since 1 Aug 2025, to the billed
 * duration); otherwise the invocation is throttled (Lambda answers 429
 * TooManyRequestsException; the front door decides what the client sees).
 * Idle on-demand environments are reclaimed after a keep-alive drawn per idle
 * period (AWS does not document it; see the scenario defaults).
 * Billed duration is rounded up to the next 1 ms.
 *
 * Left out (yet): account concurrency shared between functions, the scaling
 * rate limit, error rates, memory-dependent duration.
 * Sources: https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyTarget, Usage } from '../component.js';
import type { Distribution } from '../shared/distribution.js';

export type Architecture = 'x86_64' | 'arm64';

export interface LambdaFunctionOptions {
  memoryMb: number;
  architecture: Architecture;
  duration: Distribution;
  coldStart: Distribution;
  keepAlive: Distribution;
  /** Most environments busy at once (reserved concurrency, else the account's). */
  concurrencyLimit: number;
  provisioned: number;
  timeoutMs: number;
}

/** Lambda's own answers, before the front door maps them. */
export const LAMBDA_OK_STATUS = 200;
export const LAMBDA_THROTTLED_STATUS = 429; // TooManyRequestsException
export const LAMBDA_FUNCTION_ERROR_STATUS = 500;

interface Environment {
  readonly provisioned: boolean;
  expiresAtMs: number;
  attempt: Attempt | null;
  replyTo: ReplyTarget | null;
  timedOut: boolean;
}

export class LambdaFunction implements Component, Hop, Gauged {
  readonly kind = 'lambda' as const;
  private ctx!: ComponentContext;
  private durationStream!: RandomStream;
  private initStream!: RandomStream;
  private keepAliveStream!: RandomStream;
  private readonly idleProvisioned: Environment[] = [];
  private readonly idleOnDemand: Environment[] = []; // most recently used last
  private busy = 0;
  private readonly onDone: EventCallback<Environment>;
  private readonly counters = { invocations: 0, coldStarts: 0, throttles: 0, timeouts: 0, billedMs: 0, initMs: 0, peakConcurrency: 0 };

  constructor(
    readonly id: string,
    private readonly options: LambdaFunctionOptions,
  ) {
    if (options.provisioned > options.concurrencyLimit) {
      throw new RangeError(`provisioned concurrency (${options.provisioned}) exceeds the concurrency limit (${options.concurrencyLimit})`);
    }
    this.onDone = (env) => this.complete(env);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.durationStream = ctx.streams.get(`${this.id}.duration`);
    this.initStream = ctx.streams.get(`${this.id}.init`);
    this.keepAliveStream = ctx.streams.get(`${this.id}.keepAlive`);
    for (let i = 0; i < this.options.provisioned; i++) this.idleProvisioned.push(newEnvironment(true));
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const nowMs = this.ctx.sim.now;
    const steady = nowMs >= this.ctx.warmupMs;
    if (this.busy >= this.options.concurrencyLimit) {
      if (steady) this.counters.throttles++;
      this.ctx.metrics.count('lambdaThrottles', nowMs);
      replyTo.onReply(attempt, LAMBDA_THROTTLED_STATUS, 'lambda-throttle');
      return;
    }
    let env = this.takeWarm(nowMs);
    let initMs = 0;
    if (!env) {
      env = newEnvironment(false);
      initMs = this.options.coldStart.sample(this.initStream);
      if (steady) {
        this.counters.coldStarts++;
        this.counters.initMs += initMs;
      }
      this.ctx.metrics.count('coldStarts', nowMs);
    }
    this.busy++;
    const runMs = this.options.duration.sample(this.durationStream);
    env.timedOut = runMs > this.options.timeoutMs;
    const executionMs = env.timedOut ? this.options.timeoutMs : runMs;
    env.attempt = attempt;
    env.replyTo = replyTo;
    if (steady) {
      this.counters.invocations++;
      this.counters.billedMs += Math.ceil(initMs + executionMs);
      if (this.busy > this.counters.peakConcurrency) this.counters.peakConcurrency = this.busy;
    }
    this.ctx.sim.schedule(initMs + executionMs, this.onDone, env);
  }

  usage(): Usage {
    const c = this.counters;
    return {
      ...c,
      memoryMb: this.options.memoryMb,
      gbSeconds: (c.billedMs / 1000) * (this.options.memoryMb / 1024),
    };
  }

  gauges(nowMs: number): Record<string, number> {
    this.reclaimExpired(nowMs);
    return {
      [`${this.id}.concurrency`]: this.busy,
      [`${this.id}.warm`]: this.busy + this.idleOnDemand.length + this.idleProvisioned.length,
    };
  }

  private takeWarm(nowMs: number): Environment | undefined {
    const provisioned = this.idleProvisioned.pop();
    if (provisioned) return provisioned;
    let env = this.idleOnDemand.pop();
    while (env && env.expiresAtMs <= nowMs) env = this.idleOnDemand.pop();
    return env;
  }

  private complete(env: Environment): void {
    const attempt = env.attempt as Attempt;
    const replyTo = env.replyTo as ReplyTarget;
    env.attempt = null;
    env.replyTo = null;
    this.busy--;
    const nowMs = this.ctx.sim.now;
    if (env.provisioned) {
      this.idleProvisioned.push(env);
    } else {
      env.expiresAtMs = nowMs + this.options.keepAlive.sample(this.keepAliveStream);
      this.idleOnDemand.push(env);
    }
    if (env.timedOut) {
      if (nowMs >= this.ctx.warmupMs) this.counters.timeouts++;
      replyTo.onReply(attempt, LAMBDA_FUNCTION_ERROR_STATUS, 'lambda-timeout');
    } else {
      replyTo.onReply(attempt, LAMBDA_OK_STATUS, 'ok');
    }
  }

  /** Drops idle environments whose keep-alive has run out (they would be skipped anyway). */
  private reclaimExpired(nowMs: number): void {
    const idle = this.idleOnDemand;
    let kept = 0;
    for (let i = 0; i < idle.length; i++) if (idle[i].expiresAtMs > nowMs) idle[kept++] = idle[i];
    idle.length = kept;
  }
}

function newEnvironment(provisioned: boolean): Environment {
  return { provisioned, expiresAtMs: Infinity, attempt: null, replyTo: null, timedOut: false };
}
