/**
 * Browsers' CORS-preflight caches: which callers are browsers (spread evenly,
 * fixed), when a request needs a preflight, and how long an answer is kept
 * (Access-Control-Max-Age cut to the browser's cap: MDN's
 * Access-Control-Max-Age page, "Firefox caps this at 24 hours (86400
 * seconds) ... Chromium (starting in v76) caps at 2 hours (7200 seconds).
 * The default value is 5 seconds").
 */
import { describe, expect, it } from 'vitest';
import { PreflightCache } from '../../../src/model/client/preflight-cache.js';
import { preflightKeptMs } from '../../../src/scenario/gateway-request-schema.js';

describe('PreflightCache', () => {
  it.each([
    [0.5, 10, 5],
    [0.3, 10, 3],
    [1, 7, 7],
    [0.25, 1000, 250],
  ])('a share of %s makes floor(share x callers) of %s callers browsers (%s), spread over them', (share, callers, browsers) => {
    const cache = new PreflightCache(share, 1_000, 1);
    const chosen = Array.from({ length: callers }, (_, i) => i).filter((i) => cache.isBrowser(i));
    expect(chosen).toHaveLength(browsers);
    // spread: each half of the callers has about half of the browsers, not the first ones only
    const firstHalf = chosen.filter((i) => i < callers / 2).length;
    expect(Math.abs(firstHalf - browsers / 2)).toBeLessThanOrEqual(1);
  });

  it('a browser preflights its first request on a route, then not until max-age after the answer arrived', () => {
    const cache = new PreflightCache(1, 1_000, 2);
    expect(cache.needsPreflight(0, 0, 0)).toBe(true);
    cache.preflighted(0, 0, 0, 50); // answered 50 ms later: kept until 1050
    expect(cache.needsPreflight(0, 0, 100)).toBe(false);
    expect(cache.needsPreflight(0, 0, 1_049)).toBe(false);
    expect(cache.needsPreflight(0, 0, 1_050)).toBe(true);
    // another route of the same browser, and another browser, have their own entries
    expect(cache.needsPreflight(0, 1, 100)).toBe(true);
    expect(cache.needsPreflight(1, 0, 100)).toBe(true);
  });

  it('on a route with a parameter each key is its own URL; on a route without, every key shares the answer', () => {
    const cache = new PreflightCache(1, 1_000, 2, { routes: [true, false], keys: 3 });
    cache.preflighted(0, 0, 0, 50, 1);
    cache.preflighted(0, 1, 0, 50, 1);
    expect(cache.needsPreflight(0, 0, 100, 1)).toBe(false);
    expect(cache.needsPreflight(0, 0, 100, 2)).toBe(true); // GET /items/{id} with another id
    expect(cache.needsPreflight(0, 1, 100, 2)).toBe(false); // GET /items, whatever the key
    expect(cache.needsPreflight(1, 0, 100, 1)).toBe(true); // another browser
  });

  it('a request sent while the preflight is on its way sends its own; the answer due first is kept', () => {
    const cache = new PreflightCache(1, 1_000, 1);
    cache.preflighted(0, 0, 0, 50);
    expect(cache.needsPreflight(0, 0, 20)).toBe(true);
    cache.preflighted(0, 0, 20, 90); // due later than the one on its way
    expect(cache.needsPreflight(0, 0, 60)).toBe(false); // the first answer (at 50) is the one kept
    expect(cache.needsPreflight(0, 0, 1_050)).toBe(true);
  });

  it('a caller that is not a browser never preflights', () => {
    const cache = new PreflightCache(0.5, 1_000, 1);
    const server = [0, 1].find((i) => !cache.isBrowser(i)) as number;
    expect(cache.needsPreflight(server, 0, 0)).toBe(false);
  });

  it.each([
    ['no max-age: the Fetch default of 5 s', { browser: 'chromium' as const }, 5_000],
    ['10 minutes in Chromium', { maxAge: 600_000, browser: 'chromium' as const }, 600_000],
    ['3 hours in Chromium: its 2 h cap', { maxAge: 10_800_000, browser: 'chromium' as const }, 7_200_000],
    ['3 hours in Firefox: under its 24 h cap', { maxAge: 10_800_000, browser: 'firefox' as const }, 10_800_000],
    ['2 days in Firefox: its 24 h cap', { maxAge: 172_800_000, browser: 'firefox' as const }, 86_400_000],
  ])('keeps an answer %s', (_, cors, keptMs) => {
    expect(preflightKeptMs(cors)).toBe(keptMs);
  });
});
