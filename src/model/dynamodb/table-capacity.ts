/**
 * A DynamoDB table's throughput for one kind of request unit (reads or
 * writes): whether a call of `units` may go ahead now, in on-demand or
 * provisioned mode. Pure bookkeeping on the caller's clock; the limits and
 * their AWS sources are in src/catalog/tables.ts.
 *
 * On-demand: each one-second window (aligned on the clock) takes up to
 * `peakFactor` × the previous peak. The previous peak is the scenario's
 * (a new table's by default), raised by a busier window once that window is
 * `peakTrackingMs` old: so a table throttles when traffic more than doubles
 * within 30 minutes, and may double again 30 minutes after a new peak.
 *
 * Provisioned: a bucket refilled at the provisioned units a second that
 * holds up to `burstSeconds` of them (the burst capacity: unused capacity
 * kept for up to 300 s), full at the start. Auto scaling, when on, is
 * driven from outside (./auto-scaling.ts) through `setProvisioned`.
 */

export interface OnDemandOptions {
  readonly mode: 'on-demand';
  /** Units a second of the table's previous peak at the start. */
  readonly previousPeakPerS: number;
  readonly peakFactor: number;
  readonly peakTrackingMs: number;
  readonly windowMs: number;
  /** The table quota: never more than this a second, whatever the peak. */
  readonly quotaPerS: number;
}

export interface ProvisionedOptions {
  readonly mode: 'provisioned';
  readonly provisionedPerS: number;
  readonly burstSeconds: number;
}

export type CapacityOptions = OnDemandOptions | ProvisionedOptions;

export interface TableCapacity {
  /** Takes `units` if the table has them at `nowMs`; false: the call is throttled. */
  tryConsume(nowMs: number, units: number): boolean;
  /** Units a second the table serves at `nowMs` without throttling (on-demand: twice the previous peak; provisioned: the provisioned rate). */
  ratePerS(nowMs: number): number;
}

export function createTableCapacity(options: CapacityOptions): OnDemandCapacity | ProvisionedCapacity {
  return options.mode === 'on-demand' ? new OnDemandCapacity(options) : new ProvisionedCapacity(options);
}

export class OnDemandCapacity implements TableCapacity {
  private peakPerS: number;
  private windowStartMs = 0;
  private used = 0;
  /** Busy windows not yet old enough to count, each busier than the one before: [endMs, units a second]. */
  private readonly pending: Array<[number, number]> = [];

  constructor(private readonly options: OnDemandOptions) {
    this.peakPerS = options.previousPeakPerS;
  }

  tryConsume(nowMs: number, units: number): boolean {
    this.advance(nowMs);
    if (this.used + units > this.limitPerWindow() + 1e-9) return false;
    this.used += units;
    return true;
  }

  ratePerS(nowMs: number): number {
    this.advance(nowMs);
    return Math.min(this.options.quotaPerS, this.options.peakFactor * this.peakPerS);
  }

  /** The previous peak in force at `nowMs`, units a second. */
  previousPeakPerS(nowMs: number): number {
    this.advance(nowMs);
    return this.peakPerS;
  }

  private limitPerWindow(): number {
    return (Math.min(this.options.quotaPerS, this.options.peakFactor * this.peakPerS) * this.options.windowMs) / 1000;
  }

  /** Closes the windows before `nowMs`, and lets old enough peaks count. */
  private advance(nowMs: number): void {
    const w = this.options.windowMs;
    if (nowMs >= this.windowStartMs + w) {
      const endMs = this.windowStartMs + w;
      const perS = (this.used * 1000) / w;
      const last = this.pending.length > 0 ? this.pending[this.pending.length - 1][1] : this.peakPerS;
      if (perS > last && perS > this.peakPerS) this.pending.push([endMs, perS]);
      this.windowStartMs = Math.floor(nowMs / w) * w;
      this.used = 0;
    }
    while (this.pending.length > 0 && this.pending[0][0] + this.options.peakTrackingMs <= nowMs) {
      this.peakPerS = Math.max(this.peakPerS, (this.pending.shift() as [number, number])[1]);
    }
  }
}

export class ProvisionedCapacity implements TableCapacity {
  private provisionedPerS: number;
  private tokens: number;
  private lastMs = 0;

  constructor(private readonly options: ProvisionedOptions) {
    this.provisionedPerS = options.provisionedPerS;
    this.tokens = this.burstLimit();
  }

  tryConsume(nowMs: number, units: number): boolean {
    this.refill(nowMs);
    if (this.tokens + 1e-9 < units) return false;
    this.tokens = Math.max(0, this.tokens - units);
    return true;
  }

  ratePerS(): number {
    return this.provisionedPerS;
  }

  /** Unused capacity kept for a burst, units. */
  burstUnits(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  /** Auto scaling changed the provisioned capacity (the burst it may keep changes with it). */
  setProvisioned(nowMs: number, provisionedPerS: number): void {
    this.refill(nowMs);
    this.provisionedPerS = provisionedPerS;
    this.tokens = Math.min(this.tokens, this.burstLimit());
  }

  private burstLimit(): number {
    return this.provisionedPerS * this.options.burstSeconds;
  }

  private refill(nowMs: number): void {
    const elapsedMs = nowMs - this.lastMs;
    if (elapsedMs <= 0) return;
    this.tokens = Math.min(this.burstLimit(), this.tokens + (elapsedMs * this.provisionedPerS) / 1000);
    this.lastMs = nowMs;
  }
}
