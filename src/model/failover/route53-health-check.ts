/**
 * A Route 53 health check on the primary Region's endpoint (docs/model.md:
 * Multi-Region failover), as "How Amazon Route 53 determines whether a
 * health check is healthy" describes it
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html):
 *
 * - health checkers in several locations each send a request every
 *   `intervalMs` (10 or 30 s); they "don't coordinate with one another":
 *   the model spreads their phases evenly over the interval;
 * - a checker's request passes if the endpoint answers 2xx or 3xx within
 *   two seconds (ASSUMPTION: the four seconds Route 53 allows for the TCP
 *   connection are not modelled, the endpoint is reachable);
 * - a checker changes its view after `failureThreshold` consecutive checks
 *   the other way (1 to 10);
 * - the endpoint is healthy while more than 18 % of the checkers say so.
 *
 * ASSUMPTION: one checker per health-checking Region (AWS does not say how
 * many checkers a Region runs). A probe goes to the primary's integration
 * (a deep health check, e.g. /health calling the back end), so it sees the
 * integration's failure windows; a failure of the front door alone is not
 * seen. Probes are not requests of the workload: they are in no figure and
 * on no bill (their few invocations a minute are left out).
 */
import type { EventCallback } from '../../engine/simulator.js';
import { blankRequest, newAttempt } from '../attempt-lifecycle.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';

/** "If more than 18% of health checkers report that an endpoint is healthy, Route 53 considers it healthy." (the page above) */
export const ROUTE53_HEALTHY_SHARE = 0.18;
/** "the endpoint must respond with an HTTP status code of 2xx or 3xx within two seconds after connecting" (the page above). */
export const ROUTE53_RESPONSE_TIMEOUT_MS = 2_000;

export interface HealthCheckOptions {
  readonly intervalMs: number;
  readonly failureThreshold: number;
  readonly checkers: number;
}

/** Told when Route 53's view of the endpoint changes. */
export interface HealthListener {
  healthChanged(healthy: boolean, atMs: number): void;
}

interface Checker {
  healthy: boolean;
  /** Consecutive checks that disagree with `healthy`. */
  against: number;
}

interface Probe {
  readonly checker: Checker;
  done: boolean;
}

/** Checks made and failed (every check counts: a health check runs whether or not requests do). */
export type HealthCheckUsage = { readonly checks: number; readonly failedChecks: number; readonly healthChecks: number };

export class Route53HealthCheck implements Component<HealthCheckUsage>, ReplyTarget {
  readonly kind = 'failure' as const;
  private ctx!: ComponentContext;
  private readonly checkers: Checker[];
  private readonly probes = new Map<Attempt, Probe>();
  private healthy = true;
  private listener: HealthListener | null = null;
  private readonly counters = { checks: 0, failedChecks: 0 };
  private readonly onCheck: EventCallback<Checker>;
  private readonly onDeadline: EventCallback<Attempt>;

  constructor(
    readonly id: string,
    private readonly options: HealthCheckOptions,
    private readonly endpoint: Hop,
    private readonly untilMs: number,
  ) {
    this.checkers = Array.from({ length: options.checkers }, () => ({ healthy: true, against: 0 }));
    this.onCheck = (c) => this.check(c);
    this.onDeadline = (a) => this.settle(a, false);
  }

  /** Who is told of a change (the DNS failover record). */
  notify(listener: HealthListener): void {
    this.listener = listener;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    const { intervalMs, checkers } = this.options;
    this.checkers.forEach((c, i) => ctx.sim.scheduleAt((i * intervalMs) / checkers, this.onCheck, c));
  }

  usage(): HealthCheckUsage {
    return { ...this.counters, healthChecks: 1 };
  }

  /** Route 53's view now. */
  get isHealthy(): boolean {
    return this.healthy;
  }

  private check(checker: Checker): void {
    const nowMs = this.ctx.sim.now;
    const request = blankRequest();
    request.id = -2;
    request.arrivalMs = nowMs;
    request.attempts = 1;
    const attempt = newAttempt(request, 1, nowMs);
    this.probes.set(attempt, { checker, done: false });
    this.ctx.sim.schedule(ROUTE53_RESPONSE_TIMEOUT_MS, this.onDeadline, attempt);
    this.endpoint.receive(attempt, this);
    if (nowMs + this.options.intervalMs < this.untilMs) this.ctx.sim.schedule(this.options.intervalMs, this.onCheck, checker);
  }

  onReply(attempt: Attempt, status: number, _cause: ReplyCause): void {
    this.settle(attempt, status >= 200 && status < 400);
  }

  /** The first of the answer and the two-second deadline decides the check. */
  private settle(attempt: Attempt, passed: boolean): void {
    const probe = this.probes.get(attempt);
    if (!probe) return;
    if (probe.done) {
      this.probes.delete(attempt); // the later of the two: nothing waits for it any more
      return;
    }
    probe.done = true;
    this.counters.checks++;
    if (!passed) this.counters.failedChecks++;
    const checker = probe.checker;
    checker.against = passed === checker.healthy ? 0 : checker.against + 1;
    if (checker.against >= this.options.failureThreshold) {
      checker.healthy = passed;
      checker.against = 0;
      this.judge();
    }
  }

  private judge(): void {
    const healthyShare = this.checkers.filter((c) => c.healthy).length / this.checkers.length;
    const healthy = healthyShare > ROUTE53_HEALTHY_SHARE;
    if (healthy === this.healthy) return;
    this.healthy = healthy;
    const nowMs = this.ctx.sim.now;
    this.ctx.metrics.count(`${this.id}.${healthy ? 'healthy' : 'unhealthy'}`, nowMs, this.ctx.window.includes(nowMs));
    this.listener?.healthChanged(healthy, nowMs);
  }
}
