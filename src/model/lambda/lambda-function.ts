/**
 * A Lambda function: a pool of execution environments.
 *
 * An invocation takes the most recently used idle environment (provisioned
 * ones first, they never expire). An on-demand environment needs room in
 * the function's reserved concurrency, or, without one, in the account's
 * unreserved pool shared with every other function (./lambda-account.ts);
 * a new one also needs the scaling rate's leave: each function can add
 * 1,000 execution environments every 10 seconds, modelled as a token bucket
 * of 1,000 refilled at 100/s (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
 * A new environment starts cold (INIT time from a distribution, added to
 * the latency and, as AWS bills since 1 Aug 2025, to the billed duration).
 * With SnapStart the draw is the snapshot's restore instead
 * (./snapstart-restore.ts), billed the same way (an upper bound: AWS bills
 * the runtime's load and after-restore hooks, not the snapshot's copy).
 * Otherwise the invocation is throttled (Lambda answers 429
 * TooManyRequestsException; the front door decides what the client sees),
 * counted by reason: `reserved`, `account`, `scaling` or `capacity` (a
 * failure window's cut).
 * Idle on-demand environments are reclaimed after a keep-alive drawn per idle
 * period (AWS does not document it; see the scenario defaults).
 * A run may start with idle on-demand environments already warm (a warm
 * start): they are taken after the provisioned ones and expire like any
 * other idle environment.
 * Billed duration is rounded up to the next 1 ms.
 *
 * The handler runs for its duration, then, if the function has a dependency,
 * calls it (with that caller's own time-out and retries) while the
 * environment stays busy and billed. A run longer than the function time-out
 * is cut at the time-out. Function errors come from `errorRate` and from
 * failure windows (error rate, added latency, outage, capacity cut, a
 * deployment that flushes warm environments). An SQS consumer may be given
 * per-attempt work (./invocation-work.ts): time added to the duration draw,
 * and a function error when it says the handler throws.
 *
 * Left out: burst behaviour before the November 2023 scaling change, and
 * the 10x-per-10-s rule for asynchronous invocations (only synchronous ones
 * are modelled).
 * Sources: https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, DependencyCaller, DependencyListener, Gauged, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { clientWaits } from '../attempt-lifecycle.js';
import { recordStage, STAGE_COLD_START } from '../stage-timing.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';
import { TokenBucket } from '../shared/token-bucket.js';
import type { InvocationWork } from './invocation-work.js';
import type { LambdaAccount } from './lambda-account.js';
import type { SnapStartRestore } from './snapstart-restore.js';

export type Architecture = 'x86_64' | 'arm64';

export interface LambdaFunctionOptions {
  memoryMb: number;
  architecture: Architecture;
  duration: Distribution;
  /** INIT of a new environment; with SnapStart, its restore (the same object as `snapStart`). */
  coldStart: Distribution;
  /** SnapStart (./snapstart-restore.ts): told when a deployment publishes a new version. */
  snapStart?: SnapStartRestore;
  keepAlive: Distribution;
  /** The account's concurrency, shared with the scenario's other functions. */
  account: LambdaAccount;
  /** Reserved concurrency (null: the function draws on the account's unreserved pool). */
  reserved: number | null;
  provisioned: number;
  /**
   * Idle on-demand environments already warm at t=0 (a scenario's
   * initialState; none without one). Each is kept for a keep-alive drawn
   * from the `<id>.warmStart` stream, then reclaimed like any idle one.
   */
  warmAtStart?: number;
  /** New environments the function may add: `burst` at once, refilled at `ratePerSecond`. */
  scaling: { burst: number; ratePerSecond: number };
  timeoutMs: number;
  /** Share of invocations that end in a function error. */
  errorRate: number;
  /** Work decided per attempt on top of `duration` (an SQS batch's messages, ./invocation-work.ts); none unless configured. */
  work?: InvocationWork;
}

/** Lambda's own answers, before the front door maps them. */
export const LAMBDA_OK_STATUS = 200;
export const LAMBDA_THROTTLED_STATUS = 429; // TooManyRequestsException
export const LAMBDA_FUNCTION_ERROR_STATUS = 500;

/** Lambda: "for each function, your concurrency scaling rate is 1,000 execution environment instances every 10 seconds" (scaling-behavior.html); the refill is continuous. */
export const LAMBDA_SCALING = { burst: 1_000, ratePerSecond: 100 } as const;

export type ThrottleReason = 'reserved' | 'account' | 'scaling' | 'capacity';

export interface Environment {
  readonly provisioned: boolean;
  expiresAtMs: number;
  attempt: Attempt | null;
  replyTo: ReplyTarget | null;
  /** When the handler started (after INIT), for the time-out. */
  handlerStartMs: number;
  initMs: number;
  failing: boolean;
  /** Bumped per invocation, so a late dependency answer for an earlier one is ignored. */
  invocation: number;
  /** The deployment it was started for; older ones are not reused (flushWarm). */
  deployment: number;
  /** The pending time-out event while waiting on a dependency (-1: none). */
  timeoutEvent: number;
  /** The running invocation holds a slot of the account's unreserved pool. */
  pooled: boolean;
}

/** What a function did for the window's requests: invocations, cold starts, throttles by reason, billed duration. */
export type FunctionUsage = {
  readonly invocations: number;
  readonly coldStarts: number;
  readonly throttles: number;
  readonly throttlesReserved: number;
  readonly throttlesAccount: number;
  readonly throttlesScaling: number;
  readonly throttlesCapacity: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Billed duration, rounded up to 1 ms per invocation, INIT included. */
  readonly billedMs: number;
  /** The part of billedMs that ran on provisioned environments. */
  readonly provisionedBilledMs: number;
  readonly initMs: number;
  readonly wastedBilledMs: number;
  readonly peakConcurrency: number;
  readonly coldStartRatio: number;
  readonly memoryMb: number;
  readonly gbSeconds: number;
};

export class LambdaFunction implements Component<FunctionUsage>, Hop, Gauged, FailureTarget, DependencyListener<Environment> {
  readonly kind = 'lambda' as const;
  private ctx!: ComponentContext;
  private durationStream!: RandomStream;
  private initStream!: RandomStream;
  private keepAliveStream!: RandomStream;
  private errorStream!: RandomStream;
  private coldStartCounter = -1;
  private readonly idleProvisioned: Environment[] = [];
  private idleOnDemand: Environment[] = []; // most recently used last
  private busy = 0;
  /** Highest `busy` and number of environments since `peaks` last looked. */
  private busyPeak = 0;
  private warmPeak = 0;
  private deployment = 0;
  private scalingBucket!: TokenBucket;
  private failure: FailureEffects = NO_FAILURE;
  private dependency: DependencyCaller<Environment> | null = null;
  private readonly work: InvocationWork | null;
  /** Event names, per function (`lambda.coldStarts`, `authorizer.function.throttles.account`). */
  private readonly coldStartEvent: string;
  private readonly throttleEvents: Record<ThrottleReason, string>;
  private readonly onHandlerDone: EventCallback<Environment>;
  private readonly onTimeout: EventCallback<Environment>;
  private readonly counters = {
    invocations: 0,
    coldStarts: 0,
    throttles: 0,
    throttlesReserved: 0,
    throttlesAccount: 0,
    throttlesScaling: 0,
    throttlesCapacity: 0,
    errors: 0,
    timeouts: 0,
    /** Billed duration, rounded up to 1 ms per invocation, INIT included (billed since August 2025). */
    billedMs: 0,
    /** The part of billedMs that ran on provisioned environments (billed at the provisioned duration rate). */
    provisionedBilledMs: 0,
    initMs: 0,
    wastedBilledMs: 0,
    peakConcurrency: 0,
  };

  constructor(
    readonly id: string,
    private readonly options: LambdaFunctionOptions,
  ) {
    if (options.reserved !== null && options.provisioned > options.reserved) {
      throw new RangeError(`provisioned concurrency (${options.provisioned}) exceeds reserved concurrency (${options.reserved})`);
    }
    if (options.reserved !== null && options.provisioned + (options.warmAtStart ?? 0) > options.reserved) {
      throw new RangeError(`provisioned and warm environments (${options.provisioned} + ${options.warmAtStart}) exceed reserved concurrency (${options.reserved})`);
    }
    options.account.register(options.reserved, options.provisioned);
    this.work = options.work ?? null;
    this.coldStartEvent = `${id}.coldStarts`;
    this.throttleEvents = { reserved: `${id}.throttles.reserved`, account: `${id}.throttles.account`, scaling: `${id}.throttles.scaling`, capacity: `${id}.throttles.capacity` };
    this.onHandlerDone = (env) => this.handlerDone(env);
    this.onTimeout = (env) => this.finish(env, LAMBDA_FUNCTION_ERROR_STATUS, 'lambda-timeout');
  }

  /** The function calls this dependency after its own work (multi-layer retries). */
  useDependency(dependency: DependencyCaller<Environment>): void {
    this.dependency = dependency;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.durationStream = ctx.streams.get(`${this.id}.duration`);
    this.initStream = ctx.streams.get(`${this.id}.init`);
    this.keepAliveStream = ctx.streams.get(`${this.id}.keepAlive`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    this.work?.start(ctx);
    this.coldStartCounter = ctx.metrics.counterId(this.coldStartEvent);
    // the throttles this function can meet exist from the start (records.eventNames), so a lesson's "none throttled" is checked
    if (this.options.reserved !== null) ctx.metrics.counterId(this.throttleEvents.reserved);
    for (let i = 0; i < this.options.provisioned; i++) this.idleProvisioned.push(newEnvironment(true, 0));
    this.startWarm(this.options.warmAtStart ?? 0);
    this.scalingBucket = new TokenBucket(this.options.scaling.ratePerSecond, this.options.scaling.burst);
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
  }

  flushWarm(): void {
    // a deployment: idle environments go now, busy ones when they finish;
    // provisioned environments are re-provisioned for the new version and stay warm
    this.deployment++;
    this.idleOnDemand = [];
    this.options.snapStart?.published();
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const nowMs = this.ctx.sim.now;
    const steady = attempt.counted;
    if (this.failure.outage) {
      if (steady) this.counters.errors++;
      replyTo.onReply(attempt, LAMBDA_FUNCTION_ERROR_STATUS, 'lambda-error');
      return;
    }
    if (this.busy >= this.capacityLimit()) {
      this.throttle(attempt, replyTo, 'capacity');
      return;
    }
    let env = this.idleProvisioned.pop();
    let initMs = 0;
    let pooled = false;
    let created = false;
    if (!env) {
      const reserved = this.options.reserved;
      if (reserved !== null ? this.busy >= reserved : !this.options.account.tryAcquire()) {
        this.throttle(attempt, replyTo, reserved !== null ? 'reserved' : 'account');
        return;
      }
      pooled = reserved === null;
      env = this.takeWarmOnDemand(nowMs);
      if (!env) {
        if (!this.scalingBucket.tryTake(nowMs)) {
          if (pooled) this.options.account.release();
          this.throttle(attempt, replyTo, 'scaling');
          return;
        }
        env = newEnvironment(false, this.deployment);
        created = true;
        initMs = this.options.coldStart.sample(this.initStream);
        if (steady) {
          this.counters.coldStarts++;
          this.counters.initMs += initMs;
        }
        this.ctx.metrics.countById(this.coldStartCounter, nowMs, steady);
      }
    }
    env.pooled = pooled;
    recordStage(attempt, STAGE_COLD_START, initMs);
    this.busy++;
    if (this.busy > this.busyPeak) this.busyPeak = this.busy;
    if (created) this.noteWarm(); // environments grow only here (and at the start, which `peaks` sees)
    if (steady) this.counters.invocations++;
    // a level, not work for a request: the window's time
    if (this.busy > this.counters.peakConcurrency && this.ctx.window.includes(nowMs)) this.counters.peakConcurrency = this.busy;
    env.attempt = attempt;
    env.replyTo = replyTo;
    env.initMs = initMs;
    env.handlerStartMs = nowMs + initMs;
    env.invocation++;
    const errorRate = this.options.errorRate + this.failure.errorRate - this.options.errorRate * this.failure.errorRate;
    env.failing = errorRate > 0 && this.errorStream.next() < errorRate;
    let runMs = this.options.duration.sample(this.durationStream);
    for (const extra of this.failure.addLatency) runMs += extra.sample(this.durationStream);
    if (this.work !== null) {
      runMs += this.work.extraMs(attempt);
      if (this.work.throws(attempt)) env.failing = true;
    }
    if (runMs >= this.options.timeoutMs) {
      this.ctx.sim.schedule(initMs + this.options.timeoutMs, this.onTimeout, env);
      return;
    }
    this.ctx.sim.schedule(initMs + runMs, this.onHandlerDone, env);
  }

  dependencyDone(env: Environment, invocation: number, ok: boolean): void {
    if (env.invocation !== invocation || env.attempt === null) return; // that invocation already timed out
    this.finish(env, ok ? LAMBDA_OK_STATUS : LAMBDA_FUNCTION_ERROR_STATUS, ok ? 'ok' : 'lambda-error');
  }

  usage(): FunctionUsage {
    const c = this.counters;
    return {
      ...c,
      coldStartRatio: c.invocations > 0 ? c.coldStarts / c.invocations : 0,
      memoryMb: this.options.memoryMb,
      gbSeconds: (c.billedMs / 1000) * (this.options.memoryMb / 1024),
    };
  }

  gauges(nowMs: number): Record<string, number> {
    this.reclaimExpired(nowMs);
    return {
      [`${this.id}.concurrency`]: this.busy,
      [`${this.id}.warm`]: this.warmNow(),
    };
  }

  peaks(nowMs: number): Record<string, number> {
    this.reclaimExpired(nowMs);
    const peaks = {
      [`${this.id}.concurrency`]: Math.max(this.busyPeak, this.busy),
      [`${this.id}.warm`]: Math.max(this.warmPeak, this.warmNow()),
    };
    this.busyPeak = this.busy;
    this.warmPeak = this.warmNow();
    return peaks;
  }

  /** Environments there are: busy, idle on demand, provisioned (call after `reclaimExpired` for an exact level). */
  private warmNow(): number {
    return this.busy + this.idleOnDemand.length + this.idleProvisioned.length;
  }

  /** After a new environment: when it starts, every idle list is empty (they were tried first), so the level is exact. */
  private noteWarm(): void {
    const warm = this.warmNow();
    if (warm > this.warmPeak) this.warmPeak = warm;
  }

  /** Environments the function may keep busy during a capacity cut (Infinity without one). */
  private capacityLimit(): number {
    const capacity = this.failure.capacity;
    if (capacity >= 1) return Infinity;
    return Math.floor((this.options.reserved ?? this.options.account.limit) * capacity);
  }

  private throttle(attempt: Attempt, replyTo: ReplyTarget, reason: ThrottleReason): void {
    const nowMs = this.ctx.sim.now;
    const counted = attempt.counted;
    if (counted) {
      this.counters.throttles++;
      this.counters[THROTTLE_COUNTER[reason]]++;
    }
    this.ctx.metrics.count(this.throttleEvents[reason], nowMs, counted);
    replyTo.onReply(attempt, LAMBDA_THROTTLED_STATUS, 'lambda-throttle');
  }

  private handlerDone(env: Environment): void {
    if (env.failing) {
      this.finish(env, LAMBDA_FUNCTION_ERROR_STATUS, 'lambda-error');
      return;
    }
    if (this.dependency) {
      const remainingMs = env.handlerStartMs + this.options.timeoutMs - this.ctx.sim.now;
      env.timeoutEvent = this.ctx.sim.scheduleCancellable(remainingMs, this.onTimeout, env, 1);
      this.dependency.call(env.attempt as Attempt, this, env, env.invocation);
      return;
    }
    this.finish(env, LAMBDA_OK_STATUS, 'ok');
  }

  /**
   * Environments idle since t=0, as if each had just finished an invocation.
   * Their keep-alives come from a stream of their own, so a warm start does
   * not shift the keep-alive draws of the run's own releases.
   */
  private startWarm(count: number): void {
    if (count <= 0) return;
    const stream = this.ctx.streams.get(`${this.id}.warmStart`);
    for (let i = 0; i < count; i++) {
      const env = newEnvironment(false, this.deployment);
      env.expiresAtMs = this.ctx.sim.now + this.options.keepAlive.sample(stream);
      this.idleOnDemand.push(env);
    }
  }

  private takeWarmOnDemand(nowMs: number): Environment | undefined {
    let env = this.idleOnDemand.pop();
    while (env && env.expiresAtMs <= nowMs) env = this.idleOnDemand.pop();
    return env;
  }

  /** Ends the invocation (once): bills it, returns the environment, replies. */
  private finish(env: Environment, status: number, cause: ReplyCause): void {
    const attempt = env.attempt;
    if (attempt === null) return; // already finished (time-out and dependency answer raced)
    const replyTo = env.replyTo as ReplyTarget;
    env.attempt = null;
    env.replyTo = null;
    env.invocation++;
    if (env.timeoutEvent >= 0) {
      this.ctx.sim.cancel(env.timeoutEvent);
      env.timeoutEvent = -1;
    }
    this.busy--;
    if (env.pooled) {
      this.options.account.release();
      env.pooled = false;
    }
    const nowMs = this.ctx.sim.now;
    if (attempt.counted) {
      const billedMs = Math.ceil(env.initMs + (nowMs - env.handlerStartMs));
      this.counters.billedMs += billedMs;
      if (env.provisioned) this.counters.provisionedBilledMs += billedMs;
      if (!clientWaits(attempt)) this.counters.wastedBilledMs += billedMs;
      if (cause === 'lambda-timeout') this.counters.timeouts++;
      else if (cause !== 'ok') this.counters.errors++;
    }
    this.release(env, nowMs);
    replyTo.onReply(attempt, status, cause);
  }

  private release(env: Environment, nowMs: number): void {
    if (env.provisioned) {
      this.idleProvisioned.push(env);
    } else if (env.deployment === this.deployment) {
      env.expiresAtMs = nowMs + this.options.keepAlive.sample(this.keepAliveStream);
      this.idleOnDemand.push(env);
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

function newEnvironment(provisioned: boolean, deployment: number): Environment {
  // -0: double fields from the start (see newAttempt in ../component.ts)
  return { provisioned, expiresAtMs: Infinity, attempt: null, replyTo: null, handlerStartMs: -0, initMs: -0, failing: false, invocation: 0, deployment, timeoutEvent: -1, pooled: false };
}

const THROTTLE_COUNTER = { reserved: 'throttlesReserved', account: 'throttlesAccount', scaling: 'throttlesScaling', capacity: 'throttlesCapacity' } as const;
