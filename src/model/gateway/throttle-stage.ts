/**
 * The throttles, most specific first (../throttle/throttle-chain.ts): a
 * refused attempt is answered 429, attributed to the level that refused, and
 * goes no further. With usage plans (../throttle/usage-plan-chain.ts) a
 * request with a missing or unknown API key is refused first, 403. A failure
 * window may change a bucket's rate.
 */
import type { Attempt } from '../component.js';
import type { FailureEffects } from '../failure/failure-effects.js';
import type { ThrottleChain, ThrottleLevelName } from '../throttle/throttle-chain.js';
import { Stage, type StageHost } from './front-door-stage.js';

const THROTTLE_LEVELS: readonly ThrottleLevelName[] = ['usagePlan', 'route', 'stage', 'account'];

export class ThrottleStage extends Stage {
  readonly name = 'throttle';

  constructor(private readonly throttles: ThrottleChain) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.throttles.start(host.ctx);
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    const refusedBy = this.throttles.admit(attempt, nowMs);
    if (refusedBy === null) return this.pass(attempt, nowMs, delayMs);
    if (attempt.counted) {
      if (refusedBy === 'api-key-invalid') this.host.counters.refused++;
      else this.host.counters.throttled++;
    }
    this.host.answer(attempt, delayMs, refusedBy);
  }

  setFailure(effects: FailureEffects, nowMs: number): void {
    for (const level of THROTTLE_LEVELS) this.throttles.setRate(level, nowMs, effects.throttleRates[level] ?? null);
  }
}
