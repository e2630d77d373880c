/**
 * The account's Lambda concurrency in one Region, shared by every function
 * in the scenario (the integration, an authorizer, a WebSocket route...).
 *
 * AWS's rules (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html):
 * - the account has a concurrency limit (1,000 by default);
 * - a function with reserved concurrency R may run at most R environments,
 *   and those R are taken out of the account's pool for everyone else;
 * - the other functions share what is left (the unreserved pool), of which
 *   AWS always keeps at least 100;
 * - provisioned concurrency counts against the function's reserved
 *   concurrency, or, without one, it is allocated from the unreserved pool
 *   for as long as it is configured (busy or not).
 *
 * A function asks `tryAcquire` before it occupies an environment that is not
 * provisioned, and calls `release` when that environment is free again.
 */
export class LambdaAccount {
  private reservedTotal = 0;
  private provisionedUnreserved = 0;
  /** Environments busy in the unreserved pool (on-demand, not provisioned). */
  private unreservedBusy = 0;

  constructor(readonly limit: number) {
    if (!(limit >= 1) || !Number.isInteger(limit)) throw new RangeError(`account concurrency must be a whole number >= 1, got ${limit}`);
  }

  /** Registers a function's reserved and provisioned concurrency (at build time). */
  register(reserved: number | null, provisioned: number): void {
    if (reserved !== null) this.reservedTotal += reserved;
    else this.provisionedUnreserved += provisioned;
    if (this.unreservedLimit() < 0) throw new RangeError(`reserved and provisioned concurrency (${this.reservedTotal + this.provisionedUnreserved}) exceed the account limit (${this.limit})`);
  }

  /** What functions without reserved concurrency share for on-demand environments. */
  unreservedLimit(): number {
    return this.limit - this.reservedTotal - this.provisionedUnreserved;
  }

  /** Takes one environment from the unreserved pool, if there is one. */
  tryAcquire(): boolean {
    if (this.unreservedBusy >= this.unreservedLimit()) return false;
    this.unreservedBusy++;
    return true;
  }

  release(): void {
    this.unreservedBusy--;
  }

  /** Environments busy in the unreserved pool (a gauge). */
  get busy(): number {
    return this.unreservedBusy;
  }
}
