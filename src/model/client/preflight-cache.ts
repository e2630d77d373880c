/**
 * Browsers' CORS-preflight caches (the Fetch standard's "CORS-preflight
 * cache"): a browser sends an OPTIONS preflight before a cross-origin request
 * that is not "simple" (a JSON body, an Authorization header), and keeps the
 * answer for `Access-Control-Max-Age`, cut to its own cap (Chromium 2 h,
 * Firefox 24 h: src/catalog/gateway-requests.ts). The entry is per origin,
 * URL (query included) and method
 * (https://fetch.spec.whatwg.org/#cors-preflight-cache): here per (caller,
 * route), a caller being one browser, and per (caller, route, key) on a
 * route whose name has a path or query parameter (`{` or `?`: GET
 * /items/{id}), the request's key (`load.keys`) standing for the
 * parameter's value, so each id a browser fetches is its own URL and its
 * own preflight.
 *
 * Which callers are browsers is fixed, not drawn: caller i is one when
 * floor((i + 1) * share) > floor(i * share), which spreads them evenly over
 * the callers (busy and quiet alike), so the same scenario always has the
 * same browsers. Left out: a browser's cache is cleared on no other event
 * (a reload keeps it; private windows and cache eviction are not modelled).
 */
export class PreflightCache {
  /** When each URL's cached answer became usable (its preflight's answer arrived); absent: never. */
  private readonly answeredAtMs = new Map<number, number>();
  /** Keys per (caller, route) entry: 1 when no route has a parameter. */
  private readonly keys: number;

  constructor(
    /** Share of callers that are browsers calling cross-origin. */
    private readonly browserShare: number,
    /** How long a browser keeps an answer: the max-age the API sends, cut to the browser's cap. */
    private readonly keepMs: number,
    private readonly routes: number,
    /** The routes whose URL carries the request's key (a path or query parameter), with the number of keys; none: every route is one URL. */
    private readonly perKey: { readonly routes: readonly boolean[]; readonly keys: number } | null = null,
  ) {
    this.keys = perKey?.keys ?? 1;
  }

  /** The cache entry of the URL `caller` requests on `route` with `key`. */
  private entry(caller: number, route: number, key: number): number {
    const base = (caller * this.routes + route) * this.keys;
    return this.perKey !== null && this.perKey.routes[route] ? base + key : base;
  }

  isBrowser(caller: number): boolean {
    const s = this.browserShare;
    return Math.floor((caller + 1) * s) > Math.floor(caller * s);
  }

  /**
   * Whether `caller`'s request on `route` at `nowMs` must be preceded by a
   * preflight: it is a browser's, and the browser holds no usable answer. A
   * request sent while an earlier preflight is still on its way sends its
   * own (a browser does not wait for another request's preflight).
   */
  needsPreflight(caller: number, route: number, nowMs: number, key = 0): boolean {
    if (!this.isBrowser(caller)) return false;
    const answeredAtMs = this.answeredAtMs.get(this.entry(caller, route, key));
    return answeredAtMs === undefined || nowMs < answeredAtMs || nowMs >= answeredAtMs + this.keepMs;
  }

  /** A preflight sent at `nowMs` is answered at `answeredAtMs`: the browser keeps that answer (one still on its way and due sooner is kept instead). */
  preflighted(caller: number, route: number, nowMs: number, answeredAtMs: number, key = 0): void {
    const entry = this.entry(caller, route, key);
    const held = this.answeredAtMs.get(entry);
    if (held === undefined || held <= nowMs || answeredAtMs < held) this.answeredAtMs.set(entry, answeredAtMs);
  }
}
