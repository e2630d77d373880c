/**
 * CORS preflights (REST and HTTP APIs): a browser calling the API from
 * another origin first sends an OPTIONS preflight, which the front door
 * answers itself — an HTTP API's CORS configuration "automatically sends a
 * response to preflight OPTIONS requests"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html),
 * a REST API's OPTIONS method through a mock integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html).
 * The browser keeps the answer for `Access-Control-Max-Age`
 * (../client/preflight-cache.ts), so only the first request per caller and
 * URL (route, and key on a route with a parameter) in each such window pays
 * for one.
 *
 * ASSUMPTION, no AWS source: a preflight is billed as an API call, one unit
 * (it has no body). The pricing page bills "the API calls you receive"
 * (https://aws.amazon.com/api-gateway/pricing/) and names no exemption;
 * the requests AWS staff say are not charged are authorization failures,
 * missing or invalid API keys, quota and throttle refusals
 * (https://repost.aws/questions/QUY2x146iORPmsJHpff8u0eA/will-i-get-charged-for-these-invalid-api-key-quota-exceeded-or-throttled-request-errors,
 * https://repost.aws/questions/QU5y4fo-e3RWyU5r4VmyPIzA/pricing-clarification-for-api-gateway),
 * and a preflight is none of them. It adds a round trip to the request it precedes: the
 * clients' network round trip and the front door's own latency for the
 * OPTIONS request, after which the request itself is sent. The request's
 * checks are then made on its arrival (the preflight's duration later in
 * truth: a few tens of milliseconds that move no throttle decision much).
 *
 * Left out: the preflight itself meets no throttle, WAF rule or resource
 * policy (it is billed and timed, not refused), and its answer's bytes are
 * not counted as data out (headers only).
 */
import type { RandomStream } from '../../engine/random.js';
import type { PreflightCache } from '../client/preflight-cache.js';
import type { Attempt } from '../component.js';
import type { Distribution } from '../shared/distribution.js';
import { afterDelay, Stage, type StageHost } from './front-door-stage.js';

export interface CorsOptions {
  /** The browsers' preflight caches. */
  browsers: PreflightCache;
  /** The clients' round trip to the front door (constant 0 when the scenario places no clients). */
  rtt: Distribution;
  /** The front door's own time to answer the OPTIONS request. */
  answer: Distribution;
}

export class CorsStage extends Stage {
  readonly name = 'cors';
  private stream!: RandomStream;
  private preflightsCounter = 0;
  private preflightMsCounter = 0;

  constructor(
    private readonly doorId: string,
    private readonly options: CorsOptions,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.stream = host.ctx.streams.get(`${this.doorId}.cors`);
    this.preflightsCounter = host.ctx.metrics.counterId('cors.preflights');
    this.preflightMsCounter = host.ctx.metrics.counterId('cors.preflightMs');
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    const browsers = this.options.browsers;
    if (!browsers.needsPreflight(attempt.caller, attempt.route, nowMs, attempt.key)) return this.pass(attempt, nowMs, delayMs);
    const preflightMs = this.options.rtt.sample(this.stream) + this.options.answer.sample(this.stream);
    browsers.preflighted(attempt.caller, attempt.route, nowMs, nowMs + preflightMs, attempt.key);
    const counted = attempt.counted;
    if (counted) {
      this.host.counters.billedRequests++;
      this.host.counters.meteredUnits++;
    }
    const metrics = this.host.ctx.metrics;
    metrics.countById(this.preflightsCounter, nowMs, counted);
    metrics.countById(this.preflightMsCounter, nowMs, counted, preflightMs);
    this.pass(attempt, nowMs, afterDelay(delayMs, preflightMs));
  }
}
