/**
 * The authorizer (../authorizer/authorizer.ts): a cached decision is taken
 * on arrival; otherwise the evaluation starts after the front door's
 * latency, and the pipeline resumes when its decision comes. A refusal is
 * 401 or 403 (500 when the authorizer itself fails). The front door asks and
 * the authorizer answers this stage: it knows nothing of the front door.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { Attempt, ReplyCause } from '../component.js';
import type { Authorizer, AuthorizerListener } from '../authorizer/authorizer.js';
import { NOW, Stage } from './front-door-stage.js';

export class AuthorizerStage extends Stage implements AuthorizerListener {
  readonly name = 'authorizer';
  private readonly onPassed: EventCallback<Attempt>;

  constructor(private readonly authorizer: Authorizer) {
    super();
    this.onPassed = (attempt) => this.authorizer.authorize(attempt);
    authorizer.connect(this);
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    const decision = this.authorizer.cachedDecision(attempt, nowMs);
    if (decision === undefined) {
      if (delayMs === NOW) this.authorizer.authorize(attempt);
      else this.host.ctx.sim.schedule(delayMs, this.onPassed, attempt); // evaluate after the front door's latency
      return;
    }
    if (decision === null) return this.pass(attempt, nowMs, delayMs);
    if (attempt.counted) this.host.counters.refused++;
    this.host.answer(attempt, delayMs, decision);
  }

  /** The authorizer's decision (null: allowed). */
  authorized(attempt: Attempt, refusal: ReplyCause | null): void {
    if (refusal === null) {
      this.pass(attempt, this.host.ctx.sim.now, NOW);
      return;
    }
    if (attempt.counted) this.host.counters.refused++;
    this.host.answer(attempt, NOW, refusal);
  }
}
