/**
 * DynamoDB auto scaling's decisions, minute by minute, as AWS describes
 * them: up after 2 minutes above the target, to consumed / target; down
 * after 15 minutes 20 % below it; nothing while a change is on its way.
 */
import { describe, expect, it } from 'vitest';
import { PROVISIONED } from '../../../src/catalog/tables.js';
import { AutoScaling } from '../../../src/model/dynamodb/auto-scaling.js';

const scaling = () => new AutoScaling({ targetUtilization: 0.7, minPerS: 100, maxPerS: 1000, scaleUpMinutes: PROVISIONED.scaleUpMinutes, scaleDownMinutes: PROVISIONED.scaleDownMinutes, scaleDownMargin: PROVISIONED.scaleDownMargin });

describe('auto scaling', () => {
  it('scales up after the second minute above 70 %: 90 of 100 consumed -> ceil(90 / 0.7) = 129', () => {
    const s = scaling();
    expect(s.minuteEnded(90, 100)).toBeNull();
    expect(s.minuteEnded(90, 100)).toBe(129);
  });

  it('does not scale on one busy minute between quiet ones', () => {
    const s = scaling();
    expect([s.minuteEnded(90, 100), s.minuteEnded(60, 100), s.minuteEnded(90, 100)]).toEqual([null, null, null]);
  });

  it('decides nothing while a change is pending, then starts counting again', () => {
    const s = scaling();
    s.minuteEnded(90, 100);
    expect(s.minuteEnded(90, 100)).toBe(129);
    expect(s.minuteEnded(129, 129)).toBeNull();
    s.applied();
    expect(s.minuteEnded(129, 129)).toBeNull();
    expect(s.minuteEnded(129, 129)).toBe(185); // ceil(129 / 0.7)
  });

  it('scales down after 15 minutes below 50 % (70 % - 20 %), never under the minimum: 40 of 200 -> max(100, ceil(40 / 0.7))', () => {
    const s = scaling();
    for (let m = 1; m < 15; m++) expect(s.minuteEnded(40, 200)).toBeNull();
    expect(s.minuteEnded(40, 200)).toBe(100);
  });

  it('never above the maximum: 2,000 consumed of 1,000 -> 1,000 is already there, no change', () => {
    const s = scaling();
    s.minuteEnded(990, 1000);
    expect(s.minuteEnded(990, 1000)).toBeNull();
  });
});
