/**
 * A canary release on a REST API stage
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html):
 * "total API traffic is separated at random into a production release and
 * a canary release with a pre-configured ratio" (`percentTraffic`). The two
 * releases call their own integration version: the base one (the
 * scenario's integration) and the release being tried (a new Lambda
 * version, with its own environments, all cold at first; or a new
 * deployment of the service).
 *
 * It sits between the front door and the two versions (a Hop): each attempt
 * draws its version from the stream `<id>.split`. Its errors are what the
 * alarm's metric counts: API Gateway's 5XXError, "the number of server-side
 * errors captured in a given period"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html),
 * so the status the client gets from the gateway for a request routed to
 * the version, 5xx only: a function error's 502, the front door's 504 when
 * the version is slower than the integration time-out; not a 4xx. The
 * gateway's answers reach it through `watch`, wired between the front door
 * and whatever it answers (scenario/build-canary.ts).
 *
 * - **Promotion** at `promoteAtMs`: the release takes all traffic (AWS's
 *   promote makes the canary's deployment the stage's).
 * - **Rollback**: a CloudWatch alarm on the release's error rate
 *   (./metric-alarm.ts) is evaluated at each period's end; once it fires,
 *   `delayMs` later (the alarm's action and the automation that turns the
 *   canary off), all traffic goes to the base version. API Gateway has no
 *   rollback of its own: the alarm's action does it. The alarm watches the
 *   release after a promotion too, so a bad release promoted is rolled back
 *   (the base deployment redeployed).
 *
 * Left out: `useStageCache` (the canary shares the stage cache, as the
 * response cache stage sits before it) and stage variable overrides.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyTarget } from '../component.js';
import type { CanaryCounts } from '../../metrics/canary.js';
import { MetricAlarm, type MetricAlarmOptions } from './metric-alarm.js';

export interface CanaryReleaseOptions {
  /** Share of requests the release gets while it is a canary, 0 to 1 (percentTraffic / 100). */
  readonly share: number;
  /** When the release is promoted to take all traffic; null: never. */
  readonly promoteAtMs: number | null;
  /** The alarm on the release's error rate, its period, and how long after it fires the rollback takes; null: no automatic rollback. */
  readonly rollback: { readonly alarm: MetricAlarmOptions; readonly periodMs: number; readonly delayMs: number } | null;
  /** The run's length: no alarm period is evaluated after it. */
  readonly durationMs: number;
}

/**
 * What the canary did for the measurement window's requests: attempts each
 * version served and the gateway's 5xx answers to them; whether (1) and when
 * (ms) the alarm fired, the release was rolled back, promoted (times 0 when
 * it did not happen). One type with the figures' input (metrics/canary.ts).
 */
export type CanaryUsage = CanaryCounts;

type Phase = 'canary' | 'promoted' | 'rolledBack';

/** A version's counts: what it served, and the gateway's 5xx answers to them. */
class VersionCounts {
  requests = 0;
  errors = 0;
  /** Every answer of the current alarm period (warm-up included: the alarm sees the service, not the window). */
  periodAnswers = 0;
  periodErrors = 0;

  /** The gateway's answer to an attempt this version was given. */
  answered(attempt: Attempt, status: number): void {
    const failed = status >= 500 && status < 600;
    this.periodAnswers++;
    if (failed) this.periodErrors++;
    if (attempt.counted && failed) this.errors++;
  }
}

export class CanaryRelease implements Component<CanaryUsage>, Hop, Gauged {
  readonly kind = 'gateway' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private phase: Phase = 'canary';
  private readonly baseTap = new VersionCounts();
  private readonly releaseTap = new VersionCounts();
  /** Each attempt given to a version until the gateway answers it. */
  private readonly routed = new Map<Attempt, VersionCounts>();
  private readonly alarm: MetricAlarm | null;
  private peakShare = 0;
  private readonly times = { alarmAtMs: -1, rolledBackAtMs: -1, promotedAtMs: -1 };
  private readonly onPeriodEnd: EventCallback<null>;

  constructor(
    readonly id: string,
    private readonly options: CanaryReleaseOptions,
    private readonly base: Hop,
    private readonly release: Hop,
  ) {
    if (!(options.share >= 0 && options.share <= 1)) throw new RangeError(`canary share must be 0 to 1, got ${options.share}`);
    this.alarm = options.rollback ? new MetricAlarm(options.rollback.alarm) : null;
    this.onPeriodEnd = () => this.periodEnded();
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.split`);
    const { promoteAtMs, rollback } = this.options;
    if (promoteAtMs !== null) {
      if (promoteAtMs <= 0) this.promote();
      else ctx.sim.scheduleAt(promoteAtMs, () => this.promote(), null);
    }
    if (rollback) ctx.sim.schedule(rollback.periodMs, this.onPeriodEnd, null);
    this.peakShare = this.releaseShare();
  }

  /** The share of requests the release gets now. */
  releaseShare(): number {
    return this.phase === 'canary' ? this.options.share : this.phase === 'promoted' ? 1 : 0;
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const share = this.releaseShare();
    const toRelease = share >= 1 || (share > 0 && this.stream.next() < share);
    const tap = toRelease ? this.releaseTap : this.baseTap;
    if (attempt.counted) tap.requests++;
    this.routed.set(attempt, tap);
    (toRelease ? this.release : this.base).receive(attempt, replyTo);
  }

  /** Where the front door sends its answers: counted for the version each attempt went to, then passed on to `upstream`. */
  watch(upstream: ReplyTarget): ReplyTarget {
    return {
      onReply: (attempt, status, cause) => {
        const tap = this.routed.get(attempt);
        if (tap) {
          this.routed.delete(attempt);
          tap.answered(attempt, status);
        }
        upstream.onReply(attempt, status, cause);
      },
    };
  }

  usage(): CanaryUsage {
    const { alarmAtMs, rolledBackAtMs, promotedAtMs } = this.times;
    return {
      baseRequests: this.baseTap.requests,
      baseErrors: this.baseTap.errors,
      releaseRequests: this.releaseTap.requests,
      releaseErrors: this.releaseTap.errors,
      alarmed: alarmAtMs >= 0 ? 1 : 0,
      alarmAtMs: Math.max(0, alarmAtMs),
      rolledBack: rolledBackAtMs >= 0 ? 1 : 0,
      rolledBackAtMs: Math.max(0, rolledBackAtMs),
      promoted: promotedAtMs >= 0 ? 1 : 0,
      promotedAtMs: Math.max(0, promotedAtMs),
    };
  }

  gauges(): Record<string, number> {
    return { [`${this.id}.share`]: this.releaseShare() };
  }

  peaks(): Record<string, number> {
    const peak = Math.max(this.peakShare, this.releaseShare());
    this.peakShare = this.releaseShare();
    return { [`${this.id}.share`]: peak };
  }

  private promote(): void {
    if (this.phase !== 'canary') return; // rolled back first: nothing to promote
    this.phase = 'promoted';
    this.times.promotedAtMs = this.ctx.sim.now;
    this.ctx.metrics.count(`${this.id}.promotions`, this.ctx.sim.now, this.ctx.window.includes(this.ctx.sim.now));
  }

  /** A period's data point: the release's errors over its answers in the period (none: no data point). */
  private periodEnded(): void {
    const rollback = this.options.rollback as NonNullable<CanaryReleaseOptions['rollback']>;
    const tap = this.releaseTap;
    const datapoint = tap.periodAnswers > 0 ? tap.periodErrors / tap.periodAnswers : null;
    tap.periodAnswers = 0;
    tap.periodErrors = 0;
    const nowMs = this.ctx.sim.now;
    if ((this.alarm as MetricAlarm).addDatapoint(datapoint)) {
      this.times.alarmAtMs = nowMs;
      this.ctx.sim.schedule(rollback.delayMs, () => this.rollBack(), null);
      return; // the alarm has done its work: no more periods
    }
    if (nowMs + rollback.periodMs <= this.options.durationMs) this.ctx.sim.schedule(rollback.periodMs, this.onPeriodEnd, null);
  }

  private rollBack(): void {
    this.phase = 'rolledBack';
    const nowMs = this.ctx.sim.now;
    this.times.rolledBackAtMs = nowMs;
    this.ctx.metrics.count(`${this.id}.rollbacks`, nowMs, this.ctx.window.includes(nowMs));
  }
}
