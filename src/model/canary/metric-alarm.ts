/**
 * A CloudWatch metric alarm, as CloudWatch evaluates one
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html):
 * each `period` makes one data point (here a share: errors over requests,
 * the `Average` of API Gateway's 5XXError metric,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html);
 * the alarm looks at the `evaluationPeriods` most recent data points and
 * goes to ALARM when at least `datapointsToAlarm` of them breach the
 * threshold (an "M out of N" alarm; M = N when not given). A data point
 * breaches when it is greater than the threshold (GreaterThanThreshold).
 *
 * ASSUMPTIONS: a period with no request has no data point, taken as not
 * breaching (CloudWatch's `notBreaching`; its default `missing` looks
 * further back, which matters only for a metric with gaps); a data point
 * counts at its period's end (CloudWatch's own delay in publishing and
 * evaluating, about a minute, is the scenario's `rollback.delay`, 60 s unless given).
 *
 * Pure: no clock, no events; the canary (./canary-release.ts) feeds it.
 */

export interface MetricAlarmOptions {
  /** A data point above this breaches. */
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export class MetricAlarm {
  /** The latest `evaluationPeriods` data points, breaching or not, oldest first (a ring). */
  private readonly breaching: boolean[];
  private next = 0;
  private inAlarm = false;

  constructor(private readonly options: MetricAlarmOptions) {
    const { evaluationPeriods, datapointsToAlarm } = options;
    if (!(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) throw new RangeError(`evaluationPeriods must be a whole number from 1, got ${evaluationPeriods}`);
    if (!(Number.isInteger(datapointsToAlarm) && datapointsToAlarm >= 1 && datapointsToAlarm <= evaluationPeriods)) throw new RangeError(`datapointsToAlarm must be 1 to evaluationPeriods (${evaluationPeriods}), got ${datapointsToAlarm}`);
    this.breaching = new Array<boolean>(evaluationPeriods).fill(false);
  }

  /** The period's data point (null: no data), then whether the alarm is now in ALARM. */
  addDatapoint(value: number | null): boolean {
    this.breaching[this.next] = value !== null && value > this.options.threshold;
    this.next = (this.next + 1) % this.breaching.length;
    let count = 0;
    for (const b of this.breaching) if (b) count++;
    this.inAlarm = count >= this.options.datapointsToAlarm;
    return this.inAlarm;
  }

  get alarming(): boolean {
    return this.inAlarm;
  }
}
