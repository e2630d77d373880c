/**
 * Stage timing (src/model/stage-timing.ts): the one way a component writes
 * where an attempt's time went, and reads it back.
 */
import { describe, expect, it } from 'vitest';
import { AttemptPool, blankRequest, releaseAttempt } from '../../src/model/attempt-lifecycle.js';
import { beginStage, endStage, recordNetwork, recordStage, returnTripMs, stageMs, STAGE_CACHE, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD } from '../../src/model/stage-timing.js';

const request = () => Object.assign(blankRequest(), { id: 1, counted: true });

describe('stage timing', () => {
  it('records a stage, begins and ends one, and reads each back; a stage not written reads 0', () => {
    const attempt = new AttemptPool().acquire(request(), 1, 0);
    recordStage(attempt, STAGE_OVERHEAD, 12.5);
    beginStage(attempt, STAGE_INTEGRATION, 100);
    endStage(attempt, STAGE_INTEGRATION, 180.25);
    expect(stageMs(attempt, STAGE_OVERHEAD)).toBe(12.5);
    expect(stageMs(attempt, STAGE_INTEGRATION)).toBe(80.25);
    expect(stageMs(attempt, STAGE_CACHE)).toBe(0);
    expect(attempt.stagesWritten).toBe(STAGE_OVERHEAD | STAGE_INTEGRATION);
  });

  it("keeps the network's way back for the answer, and counts both ways in the stage", () => {
    const attempt = new AttemptPool().acquire(request(), 1, 0);
    recordNetwork(attempt, 30, 20);
    expect(stageMs(attempt, STAGE_NETWORK)).toBe(50);
    expect(returnTripMs(attempt)).toBe(20);
  });

  it('a reused attempt reads every stage as 0 until written again', () => {
    const pool = new AttemptPool();
    const used = pool.acquire(request(), 1, 0);
    recordStage(used, STAGE_CACHE, 3);
    releaseAttempt(used);
    releaseAttempt(used);
    const reused = pool.acquire(request(), 2, 5);
    expect(reused).toBe(used);
    expect(stageMs(reused, STAGE_CACHE)).toBe(0);
    expect(reused.stagesWritten).toBe(0);
  });
});
