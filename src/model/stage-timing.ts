/**
 * Where an attempt's time goes, by stage (the per-stage latency of the
 * summary): the one way a component writes it. A stage decided at once is
 * recorded with its duration; a stage that ends later (the integration, an
 * authorizer's evaluation) begins and ends. A time is recorded only once
 * its bit is set (`StageTimes.stagesWritten`): a reused attempt's old times
 * read as 0 until written again.
 */
import { STAGE_AUTHORIZER, STAGE_CACHE, STAGE_COLD_START, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD, STAGE_QUEUE, type StageTimes } from '../metrics/record-sink.js';
import type { Attempt } from './component.js';

export { STAGE_AUTHORIZER, STAGE_CACHE, STAGE_COLD_START, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD, STAGE_QUEUE } from '../metrics/record-sink.js';

/** One of the STAGE_* bits. */
export type Stage = typeof STAGE_NETWORK | typeof STAGE_OVERHEAD | typeof STAGE_AUTHORIZER | typeof STAGE_CACHE | typeof STAGE_INTEGRATION | typeof STAGE_QUEUE | typeof STAGE_COLD_START;

type Times = StageTimes & { networkBackMs: number };
const times = (attempt: Attempt) => attempt as unknown as Times;

function write(t: Times, stage: Stage, ms: number): void {
  switch (stage) {
    case STAGE_NETWORK:
      t.networkMs = ms;
      break;
    case STAGE_OVERHEAD:
      t.overheadMs = ms;
      break;
    case STAGE_AUTHORIZER:
      t.authorizerMs = ms;
      break;
    case STAGE_CACHE:
      t.cacheMs = ms;
      break;
    case STAGE_INTEGRATION:
      t.integrationMs = ms;
      break;
    case STAGE_QUEUE:
      t.queueMs = ms;
      break;
    case STAGE_COLD_START:
      t.coldStartMs = ms;
      break;
  }
  t.stagesWritten |= stage;
}

function read(t: Times, stage: Stage): number {
  switch (stage) {
    case STAGE_NETWORK:
      return t.networkMs;
    case STAGE_OVERHEAD:
      return t.overheadMs;
    case STAGE_AUTHORIZER:
      return t.authorizerMs;
    case STAGE_CACHE:
      return t.cacheMs;
    case STAGE_INTEGRATION:
      return t.integrationMs;
    case STAGE_QUEUE:
      return t.queueMs;
    case STAGE_COLD_START:
      return t.coldStartMs;
  }
}

/** The attempt spent `ms` in `stage`. */
export function recordStage(attempt: Attempt, stage: Stage, ms: number): void {
  write(times(attempt), stage, ms);
}

/** The attempt enters `stage` at `nowMs`; `endStage` records how long it stayed. */
export function beginStage(attempt: Attempt, stage: Stage, nowMs: number): void {
  write(times(attempt), stage, nowMs);
}

/** The attempt leaves the stage it began. */
export function endStage(attempt: Attempt, stage: Stage, nowMs: number): void {
  const t = times(attempt);
  write(t, stage, nowMs - read(t, stage));
}

/** How long the attempt spent in `stage` (0 when not recorded). */
export function stageMs(attempt: Attempt, stage: Stage): number {
  const t = times(attempt);
  return (t.stagesWritten & stage) === 0 ? 0 : read(t, stage);
}

/** The network's two ways, drawn together when the attempt leaves the client: the stage is both, the way back waits for the answer. */
export function recordNetwork(attempt: Attempt, thereMs: number, backMs: number): void {
  const t = times(attempt);
  t.networkBackMs = backMs;
  write(t, STAGE_NETWORK, thereMs + backMs);
}

/** The way back from the front door to the client, drawn with the way there. */
export function returnTripMs(attempt: Attempt): number {
  return times(attempt).networkBackMs;
}
