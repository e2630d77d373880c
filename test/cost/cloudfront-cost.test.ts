/**
 * CloudFront's part of the bill, worked by hand from the pricing page's
 * figures for each bundled Region's geography (US, Mexico and Canada for
 * us-east-1; Europe, Israel and Türkiye for eu-west-1), and the front
 * door's own data transfer out left off behind a distribution (origin
 * fetches from AWS are free).
 */
import { describe, expect, it } from 'vitest';
import { MissingPriceError } from '../../src/cost/cost-line.js';
import { priceCloudFront } from '../../src/cost/cloudfront-cost.js';
import type { MonthlyUsage } from '../../src/cost/monthly-usage.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { ROLE_BILLING } from '../../src/cost/run-cost.js';
import type { FrontDoorRoleUsage, RunCostSpec } from '../../src/cost/run-usage.js';
import type { RunSummary } from '../../src/metrics/summary.js';

const GB = 1024 ** 3;
const none: MonthlyUsage = { apiType: 'http', hours: 730, billedRequests: 0, meteredUnits: 0, connectionMinutes: 0, cacheBytes: 0, alb: null, lambdas: [], dataTransferOutBytes: 0, accessLogBytes: 0, executionLogBytes: 0, logStorage: null, waf: null };
const lines = (usage: MonthlyUsage, region: string, freeTier = false) => priceCloudFront(usage, bundledPriceTable(region)!, { freeTier }).map((l) => [l.item, l.quantity, Number(l.usd.toFixed(6))]);

describe('priceCloudFront', () => {
  it.each([
    // 100 M requests: 10,000 × $0.01 (US) or $0.012 (Europe) per 10,000; 20,480 GB out: 10,240 GB at $0.085 and
    // 10,240 at $0.080; 50 GB to the origin at $0.02
    ['us-east-1', 100, 870.4 + 819.2, 1],
    ['eu-west-1', 120, 870.4 + 819.2, 1],
  ])('%s: 100 M requests, 20 TB out and 50 GB to the origin, by hand', (region, requestsUsd, outUsd, originUsd) => {
    const got = lines({ ...none, cloudfront: { requests: 100e6, dataTransferOutBytes: 20_480 * GB, originBytes: 50 * GB } }, region);
    expect(got).toEqual([
      ['HTTPS requests', 100e6, requestsUsd],
      ['data transfer out to the internet, first 10,240 GB', 10_240, 870.4],
      ['data transfer out to the internet, next 40,960 GB', 10_240, 819.2],
      ['data transfer out to the origin', 50, originUsd],
    ]);
    expect(got.reduce((sum, l) => sum + (l[2] as number), 0)).toBeCloseTo(requestsUsd + outUsd + originUsd, 6);
  });

  it('takes the always-free 10 M requests and 1 TB off with the free tier, and bills nothing without a distribution', () => {
    const got = lines({ ...none, cloudfront: { requests: 12e6, dataTransferOutBytes: 1_100 * GB, originBytes: 0 } }, 'us-east-1', true);
    expect(got).toEqual([
      ['HTTPS requests (free tier)', 10e6, 0],
      ['HTTPS requests', 2e6, 2],
      ['data transfer out to the internet (free tier)', 1_024, 0],
      ['data transfer out to the internet, first 10,240 GB', 76, 6.46],
      ['data transfer out to the origin', 0, 0],
    ]);
    expect(lines(none, 'us-east-1')).toEqual([]);
  });

  it('names a price table without CloudFront prices', () => {
    const { cloudfront: _, ...without } = bundledPriceTable('us-east-1')!;
    expect(() => priceCloudFront({ ...none, cloudfront: { requests: 1, dataTransferOutBytes: 0, originBytes: 0 } }, without, { freeTier: false })).toThrow(MissingPriceError);
  });
});

describe('the front door behind CloudFront', () => {
  const used: FrontDoorRoleUsage = { requests: 10, billedRequests: 10, meteredUnits: 10, requestBytes: 1_000, responseBytes: 50_000, processedResponseBytes: 50_000, wafRequests: 0 };
  const spec = { apiType: 'http', endpoint: { type: 'regional', azs: 2 }, cacheBytes: 0, accessLogBytesPerRequest: null, executionLogs: null, logStorage: null, wafRules: null } as unknown as RunCostSpec;
  const month = (s: RunCostSpec) => ROLE_BILLING.frontDoor(used, { spec: s, summary: {} as RunSummary, scale: 2 });

  it("sends its answers to the edge location, free: its data transfer out is 0, its requests are billed as they are", () => {
    expect(month(spec)).toMatchObject({ billedRequests: 20, dataTransferOutBytes: 100_000 });
    expect(month({ ...spec, cloudfront: true })).toMatchObject({ billedRequests: 20, dataTransferOutBytes: 0 });
  });

  it("bills the distribution's viewer requests and bytes through its role (cdn)", () => {
    expect(ROLE_BILLING.cdn({ requests: 30, responseBytes: 7, originRequestBytes: 3 }, { spec, summary: {} as RunSummary, scale: 2 })).toEqual({ cloudfront: { requests: 60, dataTransferOutBytes: 14, originBytes: 6 } });
  });
});
