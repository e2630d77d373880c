/**
 * A canary release's figures (docs/outputs.md: Canary), a pure function of
 * the release's counts (the model's CanaryUsage) and the error budget's
 * settings: attempts and errors of each version, when the alarm fired and
 * the release was rolled back or promoted, and the error budget the
 * release burned.
 *
 * The budget burned is the release's errors: every attempt routed to the new
 * version that the gateway answered with a 5xx (API Gateway's 5XXError, the
 * alarm's metric: a function error's 502, the front door's 504 time-out; not
 * a 4xx), while a canary and after a promotion. As a share,
 * it is over the errors the objective allows in its window at the run's
 * rate: (1 − slo) × the stage's attempts per second × the window.
 */

/** The canary's counts, as the model reports them (its CanaryUsage is this type; times 0 when the flag is 0); errors are the gateway's 5xx answers. */
export type CanaryCounts = {
  readonly baseRequests: number;
  readonly baseErrors: number;
  readonly releaseRequests: number;
  readonly releaseErrors: number;
  readonly alarmed: number;
  readonly alarmAtMs: number;
  readonly rolledBack: number;
  readonly rolledBackAtMs: number;
  readonly promoted: number;
  readonly promotedAtMs: number;
};

export interface CanaryBudget {
  readonly percentTraffic: number;
  /** The availability objective, e.g. 0.999. */
  readonly slo: number;
  readonly windowMs: number;
}

export interface CanaryFigures {
  percentTraffic: number;
  base: { requests: number; errors: number };
  release: { requests: number; errors: number; errorRatio: number };
  /** 1 when the alarm fired, the release was rolled back, promoted; each time only when it happened. */
  alarmed: number;
  alarmAtMs?: number;
  rolledBack: number;
  rolledBackAtMs?: number;
  promoted: number;
  promotedAtMs?: number;
  /** The release's errors. */
  budgetBurned: number;
  /** Of the errors the objective allows in its window at the run's rate (above 1: more than the whole budget). */
  budgetBurnedShare: number;
}

export function summarizeCanary(c: CanaryCounts, budget: CanaryBudget, measuredSeconds: number): CanaryFigures {
  const requests = c.baseRequests + c.releaseRequests;
  const allowed = (1 - budget.slo) * (measuredSeconds > 0 ? requests / measuredSeconds : 0) * (budget.windowMs / 1000);
  return {
    percentTraffic: budget.percentTraffic,
    base: { requests: c.baseRequests, errors: c.baseErrors },
    release: { requests: c.releaseRequests, errors: c.releaseErrors, errorRatio: c.releaseRequests > 0 ? c.releaseErrors / c.releaseRequests : 0 },
    alarmed: c.alarmed,
    ...(c.alarmed === 1 ? { alarmAtMs: c.alarmAtMs } : {}),
    rolledBack: c.rolledBack,
    ...(c.rolledBack === 1 ? { rolledBackAtMs: c.rolledBackAtMs } : {}),
    promoted: c.promoted,
    ...(c.promoted === 1 ? { promotedAtMs: c.promotedAtMs } : {}),
    budgetBurned: c.releaseErrors,
    budgetBurnedShare: allowed > 0 ? c.releaseErrors / allowed : 0,
  };
}
