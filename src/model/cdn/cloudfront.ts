/**
 * An Amazon CloudFront distribution in front of the API (docs/model.md:
 * CloudFront in front of the API): the clients reach an edge location, which
 * answers from its cache or fetches from the origin (the front door).
 *
 * - Cache: per edge location, least recently used entries bounded by a
 *   number of entries, each fresh for the TTL from when it was stored
 *   (../cache/response-cache.ts, the REST cache's model, reused). CloudFront
 *   "might evict the object ... before its expiration date ... to make room
 *   for objects that have been requested more recently"
 *   (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Expiration.html):
 *   least recently used is that rule. The TTL is worked out once from the
 *   cache policy (scenario/build-cloudfront.ts).
 * - Cached methods: "CloudFront caches responses to GET and HEAD requests"
 *   and optionally OPTIONS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachedMethods.html);
 *   a route that is not cached always goes to the origin.
 * - A hit answers 200 after the edge's own time (`latency`) and never
 *   reaches the origin: no front-door request, no throttle token. A miss
 *   or an uncached request goes to the origin after that time, plus the way
 *   from the edge to the origin's Region and back (`originRtt`, each way
 *   drawn on its own, half a round trip); the edge stores a successful
 *   answer to a cached route when it comes back.
 * - Edge locations: callers are spread over `caches` (caller modulo their
 *   number), each with its own cache. ASSUMPTION: one tier, no regional
 *   edge cache between the edge locations and the origin.
 * - Callers in the cache key (`callers` above 1): in front of an authorizer
 *   or API keys, the Authorization header (or x-api-key) "must be a part of
 *   the cache key to prevent the cache from satisfying unauthorized
 *   requests" (https://repost.aws/knowledge-center/cloudfront-authorization-header),
 *   so an entry is the key and the caller: a hit answers only the caller
 *   whose own request filled it. A refused request is not stored (no error
 *   answer is).
 *
 * Left out: error caching (CloudFront keeps some 4xx and 5xx answers for
 * 10 s by default), the origin response time-out and CloudFront's own
 * retries of the origin, request collapsing, Origin Shield.
 *
 * Stage times: a hit's edge time is its `cache` stage; a forwarded
 * attempt's edge time and origin leg are added to its `network` stage. The
 * clients' network (../network/client-network.ts) is always in front of it
 * and records the stages when an answer reaches a client.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { clientWaits, holdAttempt, markFrontDoorAnswered, releaseAttempt } from '../attempt-lifecycle.js';
import { recordStage, STAGE_CACHE, STAGE_NETWORK, stageMs } from '../stage-timing.js';
import type { CacheModel } from '../cache/response-cache.js';
import type { Distribution } from '../shared/distribution.js';

export interface CloudFrontOptions {
  /** One cache per edge location the callers use. */
  caches: readonly CacheModel[];
  /** The edge location's own time for each request (a hit's whole answer). */
  latency: Distribution;
  /**
   * The way from the edge location to the origin's Region: the clients' round trip to the Region
   * less theirs to the edge location (`lessMs`), never below 0; null: the clients are in the Region.
   */
  originRtt: { rtt: Distribution; lessMs: number } | null;
  /** Whether each route (load.routes, by index) is cached; null: every route is. */
  cachedRoutes: readonly boolean[] | null;
  /**
   * The callers when each one's credentials are in the cache key (an entry per key and caller;
   * each cache then holds keys × ceil(callers / caches) slots); 1 or absent: entries are shared.
   */
  callers?: number;
}

/** What the distribution did for the window's requests: the viewer requests it billed, its hits, and the bytes it sent. */
export type CloudFrontUsage = {
  readonly requests: number;
  readonly hits: number;
  readonly misses: number;
  /** Requests of routes it does not cache, sent to the origin. */
  readonly uncached: number;
  /** 2xx bodies sent to clients still waiting (data transfer out to the internet). */
  readonly responseBytes: number;
  /** Request bodies sent to the origin (data transfer out to the origin). */
  readonly originRequestBytes: number;
};

/** What a hit answers. */
export const EDGE_HIT_STATUS = 200;

interface Answer {
  attempt: Attempt;
  status: number;
  cause: ReplyCause;
}

export class CloudFront implements Component<CloudFrontUsage>, Hop, ReplyTarget {
  readonly kind = 'network' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private origin!: Hop;
  private readonly counters = { requests: 0, hits: 0, misses: 0, uncached: 0, responseBytes: 0, originRequestBytes: 0 };
  private hitsCounter = -1;
  private missesCounter = -1;
  private uncachedCounter = -1;
  private readonly onHit: EventCallback<Attempt>;
  private readonly onForward: EventCallback<Attempt>;
  private readonly onBack: EventCallback<Answer>;
  /** Callers sharing one edge location's cache when each has entries of its own; 1: entries are shared. */
  private readonly callersPerCache: number;

  constructor(
    readonly id: string,
    private readonly options: CloudFrontOptions,
    private readonly upstream: ReplyTarget,
  ) {
    if (options.caches.length < 1) throw new RangeError('a distribution needs at least one edge location');
    this.callersPerCache = Math.ceil((options.callers ?? 1) / options.caches.length);
    this.onHit = (attempt) => this.answerHit(attempt);
    this.onForward = (attempt) => this.origin.receive(attempt, this);
    this.onBack = (answer) => {
      this.backAtEdge(answer.attempt, answer.status, answer.cause);
      releaseAttempt(answer.attempt); // the hold of the way back
    };
  }

  /** The origin: the front door (or what stands for it). */
  connect(origin: Hop): void {
    this.origin = origin;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.latency`);
    this.hitsCounter = ctx.metrics.counterId(`${this.id}.hits`);
    this.missesCounter = ctx.metrics.counterId(`${this.id}.misses`);
    this.uncachedCounter = ctx.metrics.counterId(`${this.id}.uncached`);
  }

  usage(): CloudFrontUsage {
    return { ...this.counters };
  }

  receive(attempt: Attempt): void {
    const nowMs = this.ctx.sim.now;
    const counted = attempt.counted;
    if (counted) this.counters.requests++;
    const edgeMs = this.options.latency.sample(this.stream);
    if (this.cached(attempt)) {
      if (this.cacheOf(attempt).lookup(this.entryOf(attempt), nowMs)) {
        if (counted) this.counters.hits++;
        this.ctx.metrics.countById(this.hitsCounter, nowMs, counted);
        recordStage(attempt, STAGE_CACHE, edgeMs);
        this.ctx.sim.schedule(edgeMs, this.onHit, attempt);
        return;
      }
      if (counted) this.counters.misses++;
      this.ctx.metrics.countById(this.missesCounter, nowMs, counted);
    } else {
      if (counted) this.counters.uncached++;
      this.ctx.metrics.countById(this.uncachedCounter, nowMs, counted);
    }
    if (counted) this.counters.originRequestBytes += attempt.requestBytes;
    const thereMs = edgeMs + this.originLegMs();
    recordStage(attempt, STAGE_NETWORK, stageMs(attempt, STAGE_NETWORK) + thereMs);
    this.ctx.sim.schedule(thereMs, this.onForward, attempt);
  }

  /** The origin's answer, on its way back to the edge location. */
  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    const backMs = this.originLegMs();
    if (backMs <= 0) {
      this.backAtEdge(attempt, status, cause);
      return;
    }
    holdAttempt(attempt); // the answer still travels: the origin lets go of the attempt now
    recordStage(attempt, STAGE_NETWORK, stageMs(attempt, STAGE_NETWORK) + backMs);
    this.ctx.sim.schedule(backMs, this.onBack, { attempt, status, cause });
  }

  /** The edge location has the origin's answer: it stores a success of a cached route and passes the answer on. */
  private backAtEdge(attempt: Attempt, status: number, cause: ReplyCause): void {
    const ok = status >= 200 && status < 300;
    if (ok && this.cached(attempt)) this.cacheOf(attempt).insert(this.entryOf(attempt), this.ctx.sim.now);
    this.sent(attempt, ok);
    this.upstream.onReply(attempt, status, cause);
  }

  /** A hit: the edge location answers in the front door's place (its hold is released here). */
  private answerHit(attempt: Attempt): void {
    markFrontDoorAnswered(attempt);
    this.sent(attempt, true);
    this.upstream.onReply(attempt, EDGE_HIT_STATUS, 'ok');
    releaseAttempt(attempt);
  }

  /** A success's body leaves the edge for a client still waiting (data transfer out). */
  private sent(attempt: Attempt, ok: boolean): void {
    if (ok && attempt.counted && clientWaits(attempt)) this.counters.responseBytes += attempt.responseBytes;
  }

  private cached(attempt: Attempt): boolean {
    const routes = this.options.cachedRoutes;
    return routes === null || routes[attempt.route];
  }

  /** The attempt's entry: its key, or with callers in the cache key, its key and its caller among its edge location's callers. */
  private entryOf(attempt: Attempt): number {
    if (this.callersPerCache <= 1) return attempt.key;
    return attempt.key * this.callersPerCache + Math.floor(attempt.caller / this.options.caches.length);
  }

  private cacheOf(attempt: Attempt): CacheModel {
    const caches = this.options.caches;
    return caches.length === 1 ? caches[0] : caches[attempt.caller % caches.length];
  }

  /** One way between the edge location and the origin's Region: half a round trip, 0 when they are in one place. */
  private originLegMs(): number {
    const origin = this.options.originRtt;
    return origin === null ? 0 : Math.max(0, origin.rtt.sample(this.stream) - origin.lessMs) / 2;
  }
}
