/**
 * The response cache (REST only, ../cache/response-cache.ts): a hit answers
 * 200 after the cache's own latency and never reaches the integration; a
 * successful answer no larger than an entry may be is stored on its way back.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt } from '../component.js';
import { recordStage, STAGE_CACHE } from '../stage-timing.js';
import type { CacheModel } from '../cache/response-cache.js';
import type { Distribution } from '../shared/distribution.js';
import { afterDelay, Stage, type StageHost } from './front-door-stage.js';

export interface CacheStageOptions {
  model: CacheModel;
  hitLatency: Distribution;
  /** Responses larger than this are not cached. */
  maxEntryBytes: number;
}

export class CacheStage extends Stage {
  readonly name = 'cache';
  private stream!: RandomStream;
  /** Counter ids (see RecordSink.counterId). */
  private hitsCounter = -1;
  private missesCounter = -1;

  constructor(
    private readonly doorId: string,
    private readonly options: CacheStageOptions,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    const { streams, metrics } = host.ctx;
    this.stream = streams.get(`${this.doorId}.cache`);
    this.options.model.bind?.(streams.get(`${this.doorId}.cacheHits`));
    this.hitsCounter = metrics.counterId('cacheHits');
    this.missesCounter = metrics.counterId('cacheMisses');
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    const { ctx, counters } = this.host;
    const steady = attempt.counted;
    if (!this.options.model.lookup(attempt.key, nowMs)) {
      if (steady) counters.cacheMisses++;
      ctx.metrics.countById(this.missesCounter, nowMs, steady);
      return this.pass(attempt, nowMs, delayMs);
    }
    if (steady) counters.cacheHits++;
    ctx.metrics.countById(this.hitsCounter, nowMs, steady);
    const hitMs = this.options.hitLatency.sample(this.stream);
    recordStage(attempt, STAGE_CACHE, hitMs);
    this.host.answerFromCache(attempt, afterDelay(delayMs, hitMs));
  }

  answered(attempt: Attempt, nowMs: number): void {
    if (attempt.responseBytes <= this.options.maxEntryBytes) this.options.model.insert(attempt.key, nowMs);
  }
}
