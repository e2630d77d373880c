/**
 * A retry budget that works like the AWS SDKs' retry quota ("standard" retry
 * mode): a bucket of tokens that each retry drains (`cost`, or `timeoutCost`
 * when the failed attempt timed out) and successes refill (a first-try
 * success adds `refund`; a successful retry returns what it took). With the
 * bucket empty, failures are not retried.
 * Source: AWS SDKs and Tools Reference Guide, "Retry behavior",
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 * (defaults there: 500 tokens, 5 per retry, 10 per time-out retry, 1 refund).
 */
export interface RetryBudgetOptions {
  tokens: number;
  cost: number;
  timeoutCost: number;
  refund: number;
}

export class RetryBudget {
  private available: number;

  constructor(private readonly options: RetryBudgetOptions) {
    this.available = options.tokens;
  }

  get tokens(): number {
    return this.available;
  }

  /** Takes the cost of one retry; returns the tokens taken, or 0 when the budget is spent. */
  tryAcquire(afterTimeout: boolean): number {
    const cost = afterTimeout ? this.options.timeoutCost : this.options.cost;
    if (this.available < cost) return 0;
    this.available -= cost;
    return cost;
  }

  /** A request succeeded; `taken` is what its last retry took (0 if it succeeded first time). */
  onSuccess(taken: number): void {
    const credit = taken > 0 ? taken : this.options.refund;
    this.available = Math.min(this.options.tokens, this.available + credit);
  }
}
