/**
 * A replication's figures: each cache's hit ratio is its hits over its
 * lookups (worked by hand), named for the cache, and absent when the run
 * never looked it up.
 */
import { describe, expect, it } from 'vitest';
import type { CostEstimate } from '../../src/cost/cost-estimate.js';
import { figuresOf } from '../../src/experiment/replication.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const { summary } = runScenario(parseScenario('name: t\nduration: 1s\nload: { rate: 10/s }\napi: { type: rest }\nintegration: { type: lambda, duration: 5ms }\n', 't.yaml'));
const noCost = { totalUsd: 0, lines: [] } as unknown as CostEstimate;
const figures = (events: Record<string, number>) => new Map(figuresOf({ ...summary, events }, noCost));

describe('figuresOf: hit ratios', () => {
  it("gives the response cache's and CloudFront's hit ratios from their own events: 3 of 4 and 1 of 5", () => {
    const f = figures({ cacheHits: 3, cacheMisses: 1, 'cloudfront.hits': 1, 'cloudfront.misses': 4, 'cloudfront.uncached': 50 });
    expect(f.get('cache.hitRatio')).toBe(0.75);
    // uncached routes are not lookups
    expect(f.get('cloudfront.hitRatio')).toBe(0.2);
  });

  it('leaves a ratio out when its cache was never looked up', () => {
    const f = figures({ cacheHits: 0, cacheMisses: 0, 'cloudfront.misses': 2 });
    expect(f.has('cache.hitRatio')).toBe(false);
    expect(f.get('cloudfront.hitRatio')).toBe(0);
  });
});
