/**
 * The bundled price tables: schema-checked, every figure with its source
 * page and the date it was checked, each figure once; and the checks a
 * user's own table gets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS, bundledPriceTable } from '../../src/cost/prices.js';
import { priceTableSchema } from '../../src/cost/price-table.js';
import { ENTRY_POINTS as FRONT_DOORS } from '../../src/catalog/entry-points.js';
import { REST_CACHE_SIZES_GB } from '../../src/scenario/defaults.js';
import { parseDocumentText } from '../../src/scenario/loader.js';
import { loadPriceFile } from '../../src/scenario/price-file.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

const raw = (region: string) => JSON.parse(readFileSync(new URL(`../../src/cost/prices/${region}.json`, import.meta.url), 'utf8'));

/** Every figure object in a table (it has a source), with its path. */
function figures(value: unknown, path: string[] = []): Array<{ path: string; figure: Record<string, unknown> }> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const obj = value as Record<string, unknown>;
  if ('source' in obj) return [{ path: path.join('.'), figure: obj }];
  return Object.entries(obj).flatMap(([k, v]) => figures(v, [...path, k]));
}

/** Every number in a table, with its path. */
function numbers(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'number') return [path.join('.')];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => numbers(v, [...path, k]));
}

describe.each(BUNDLED_REGIONS)('the %s table', (region) => {
  const table = raw(region);

  it('passes the schema', () => {
    expect(priceTableSchema.safeParse(table).success).toBe(true);
    expect(bundledPriceTable(region)?.region).toBe(region);
  });

  it('has every number inside a figure that names its AWS source page and when it was checked', () => {
    const all = figures(table);
    expect(all.length).toBeGreaterThan(25);
    for (const { path, figure } of all) {
      expect(String(figure.source), path).toMatch(/^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//);
      expect(String(figure.checked) <= table.effectiveDate, `${path} checked after the table's date`).toBe(true);
    }
    const covered = new Set(all.map((f) => f.path));
    for (const n of numbers(table)) expect([...covered].some((p) => n.startsWith(`${p}.`)), `${n} has no source`).toBe(true);
  });

  it('prices every REST cache size API Gateway offers, and no other', () => {
    expect(Object.keys(table.apiGateway.restCache.usdBySizeGb).map(Number).sort((a, b) => a - b)).toEqual([...REST_CACHE_SIZES_GB]);
  });

  it('stores logs at $0.03 per GB-month in both Regions, with 5 GB-months free', () => {
    expect(table.cloudWatchLogs.storage).toMatchObject({ usd: 0.03, per: 'GB-month' });
    expect(table.freeTier.cloudWatchLogsStorageGbMonths).toMatchObject({ value: 5, unit: 'GB-months per month' });
  });

  it("meters as the front doors do: HTTP API 512 KB, WebSocket 32 KB", () => {
    expect(table.apiGateway.httpMeteringIncrement.value * 1024).toBe(FRONT_DOORS.http.meteringBytes);
    expect(table.apiGateway.websocketMeteringIncrement.value * 1024).toBe(FRONT_DOORS.websocket.meteringBytes);
  });
});

describe('a table that is wrong', () => {
  const table = () => raw('us-east-1');
  const problems = (t: unknown) => (priceTableSchema.safeParse(t).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('misses a figure', () => {
    const t = table();
    delete t.alb.lcuHour;
    expect(problems(t)).toEqual([expect.stringMatching(/^alb\.lcuHour: /)]);
  });

  it('has a figure without its source', () => {
    const t = table();
    delete t.lambda.requests.source;
    expect(problems(t)).toEqual([expect.stringMatching(/^lambda\.requests\.source: /)]);
  });

  it('bills in another unit than the code reads', () => {
    const t = table();
    t.lambda.durationX86.per = 'GB-hour';
    expect(problems(t)).toEqual([expect.stringMatching(/^lambda\.durationX86\.per: /)]);
  });

  it('bills log storage per GB instead of per GB-month of compressed logs', () => {
    const t = table();
    t.cloudWatchLogs.storage.per = 'GB';
    expect(problems(t)).toEqual([expect.stringMatching(/^cloudWatchLogs\.storage\.per: /)]);
  });

  it('has tiers out of order or open-ended before the last', () => {
    const t = table();
    t.apiGateway.restRequests.tiers = [{ upTo: 1e9, usd: 3.5 }, { upTo: 333e6, usd: 2.8 }, { upTo: null, usd: 1 }];
    expect(problems(t)).toEqual(['apiGateway.restRequests.tiers.1.upTo: must be above the previous tier\'s (1000000000)']);
    t.apiGateway.restRequests.tiers = [{ upTo: null, usd: 3.5 }, { upTo: null, usd: 1 }];
    expect(problems(t)).toEqual(['apiGateway.restRequests.tiers.0.upTo: must be a number (only the last tier is open-ended)']);
  });

  it('leaves a price unknown without saying why, or where the code cannot do without one', () => {
    const t = table();
    t.apiGateway.websocketConnectionMinutes.usd = null;
    delete t.apiGateway.websocketConnectionMinutes.note;
    t.apiGateway.websocketMessages.tiers = null;
    delete t.apiGateway.websocketMessages.note;
    t.lambda.requests.usd = null;
    expect(problems(t).sort()).toEqual([
      'apiGateway.websocketConnectionMinutes.note: a figure with usd: null needs a note saying why',
      'apiGateway.websocketMessages.note: a figure with tiers: null needs a note saying why',
      expect.stringMatching(/^lambda\.requests\.usd: /),
    ]);
  });

  it('has a negative price', () => {
    const t = table();
    t.lambda.requests.usd = -0.2;
    expect(problems(t)).toEqual([expect.stringMatching(/^lambda\.requests\.usd: /)]);
  });
});

describe('each figure once', () => {
  it.each(BUNDLED_REGIONS)('the %s file has no repeated key (read as a user file is: duplicate keys are errors)', (region) => {
    expect(loadPriceFile(`src/cost/prices/${region}.json`).region).toBe(region);
    const text = readFileSync(`src/cost/prices/${region}.json`, 'utf8').replace('"currency": "USD",', '"currency": "USD",\n  "region": "again",');
    expect(() => parseDocumentText(text, 'dup.json', priceTableSchema, { message: '', hint: '' })).toThrow(ScenarioError);
  });
});
