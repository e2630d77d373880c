/**
 * The two retry-storm lessons must come out right: without mitigation the
 * storm outlives its trigger (a metastable failure); with jitter, a retry
 * budget and dropping expired work, goodput returns to the offered load soon
 * after the trigger ends. Asserted from the time series of the shipped
 * scenario files, with their seeds.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../src/scenario/run.js';
import { ROOT } from '../cli/run-cli.js';
import { series, total } from './time-series.js';

const TRIGGER_END_S = 90; // the brownout is { at: 60s, for: 30s } in both files

let storm: RunResult;
let mitigated: RunResult;
beforeAll(() => {
  storm = runScenario(loadScenario(join(ROOT, 'scenarios/retry-storm.yaml')));
  mitigated = runScenario(loadScenario(join(ROOT, 'scenarios/retry-storm-mitigated.yaml')));
});

describe('retry-storm (no jitter, no budget)', () => {
  it('serves the offered load before the trigger', () => {
    const points = series(storm.records.series.toArray());
    expect(total(points, 'goodputPerS', 30, 60)).toBeGreaterThan(0.97 * total(points, 'offeredPerS', 30, 60));
  });

  it('does not recover after the trigger ends: goodput stays under 10 % of the offered load to the end', () => {
    const points = series(storm.records.series.toArray());
    const end = storm.scenario.duration / 1000;
    for (const from of [TRIGGER_END_S + 30, TRIGGER_END_S + 90, end - 30]) {
      const goodput = total(points, 'goodputPerS', from, from + 30);
      const offered = total(points, 'offeredPerS', from, from + 30);
      expect(goodput, `goodput in [${from}, ${from + 30}) s`).toBeLessThan(0.1 * offered);
    }
  });

  it('amplifies: retries multiply the attempts the service sees', () => {
    const points = series(storm.records.series.toArray());
    const attempts = total(points, 'attemptsStarted', TRIGGER_END_S + 30, TRIGGER_END_S + 90);
    const offered = total(points, 'offeredPerS', TRIGGER_END_S + 30, TRIGGER_END_S + 90);
    expect(attempts / offered).toBeGreaterThan(3.5); // 4 attempts per request, nearly all used
  });
});

describe('retry-storm-mitigated (full jitter, retry budget, drop expired)', () => {
  it('is back to at least 95 % of the offered load within 30 s of the trigger ending, and stays there', () => {
    const points = series(mitigated.records.series.toArray());
    const end = mitigated.scenario.duration / 1000;
    for (let from = TRIGGER_END_S + 30; from + 10 <= end; from += 10) {
      const goodput = total(points, 'goodputPerS', from, from + 10);
      const offered = total(points, 'offeredPerS', from, from + 10);
      expect(goodput, `goodput in [${from}, ${from + 10}) s`).toBeGreaterThanOrEqual(0.95 * offered);
    }
  });

  it('keeps amplification near 1 even during the brownout', () => {
    expect(mitigated.summary.attempts.amplification).toBeLessThan(1.2);
  });
});
