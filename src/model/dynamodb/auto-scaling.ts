/**
 * DynamoDB auto scaling's target tracking for a provisioned table, as AWS
 * describes its alarms (src/catalog/tables.ts, PROVISIONED): utilisation is
 * the consumed capacity of a minute over the provisioned capacity; above the
 * target for `scaleUpMinutes` minutes in a row, or `scaleDownMargin` below it
 * for `scaleDownMinutes`, the table is set to what the last minute consumed
 * divided by the target, within [min, max]. The change lands after a delay
 * (the alarm's and UpdateTable's), applied by the caller.
 *
 * What it sees is the consumed capacity: throttled requests consume none, so
 * a table held at 100 % by throttling grows by 1/target a step, a staircase,
 * as it does on AWS. Scale-down limits per day are not modelled.
 */

export interface AutoScalingOptions {
  /** Consumed over provisioned that the policy aims at, 0.2 to 0.9. */
  readonly targetUtilization: number;
  readonly minPerS: number;
  readonly maxPerS: number;
  readonly scaleUpMinutes: number;
  readonly scaleDownMinutes: number;
  readonly scaleDownMargin: number;
}

export class AutoScaling {
  private above = 0;
  private below = 0;
  /** A change is on its way: no new decision until it lands. */
  private pending = false;

  constructor(private readonly options: AutoScalingOptions) {}

  /**
   * A minute ended with this consumption (units a second, averaged over the
   * minute) against this provisioned capacity: the new capacity to set, or
   * null to leave it.
   */
  minuteEnded(consumedPerS: number, provisionedPerS: number): number | null {
    if (this.pending) return null;
    const o = this.options;
    const utilization = provisionedPerS > 0 ? consumedPerS / provisionedPerS : 0;
    this.above = utilization > o.targetUtilization ? this.above + 1 : 0;
    this.below = utilization < o.targetUtilization - o.scaleDownMargin ? this.below + 1 : 0;
    if (this.above < o.scaleUpMinutes && this.below < o.scaleDownMinutes) return null;
    const wanted = Math.min(o.maxPerS, Math.max(o.minPerS, Math.ceil(consumedPerS / o.targetUtilization)));
    this.above = 0;
    this.below = 0;
    if (wanted === provisionedPerS) return null;
    this.pending = true;
    return wanted;
  }

  /** The change asked for has landed. */
  applied(): void {
    this.pending = false;
  }
}
