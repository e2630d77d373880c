/**
 * How a distribution is written in a scenario, and its parser.
 *
 *   {p50: 80ms, p99: 400ms}        log-normal fitted to two percentiles
 *   {mean: 50ms}                   exponential
 *   {constant: 5ms}                always the same
 *   {uniform: [5m, 15m]}           uniform between two values
 *   {lognormal: {mu: 4, sigma: 0.5}}  of ln(value in ms)
 *   {empirical: {p0: 5ms, p50: 20ms, p99: 200ms, p100: 1s}}  linear between percentiles
 *
 * Negative values are impossible by construction, and each form is checked
 * (p99 >= p50, min <= max, percentiles increasing, p0 and p100 present).
 */
import { z } from 'zod';
import type { DistributionSpec } from '../model/shared/distribution.js';
import { MAX_LOGNORMAL_MU, MAX_LOGNORMAL_SIGMA, MIN_LOGNORMAL_MU } from './limits.js';
import { UnitError } from './units.js';

/** The 99th percentile of the standard normal: a log-normal's sigma is ln(p99 / p50) over it. */
const Z99 = 2.3263478740408408;

type Issue = { path: PropertyKey[]; message: string; hint?: string };

const FORMS = ['p50/p99', 'mean', 'constant', 'uniform', 'lognormal', 'empirical'];
const PERCENTILE_KEY = /^p(\d+(?:\.\d+)?)$/;

export function parseDistribution(value: unknown, parseValue: (v: unknown) => number, unitExample: string): DistributionSpec | Issue {
  const fail = (path: PropertyKey[], message: string, hint?: string): Issue => ({ path, message, hint });
  const read = (v: unknown, path: PropertyKey[]): number | Issue => {
    try {
      return parseValue(v);
    } catch (error) {
      if (error instanceof UnitError) return fail(path, error.message, error.hint);
      throw error;
    }
  };
  if (value === undefined) return fail([], 'is required', `e.g. {p50: ${unitExample}, p99: ...} or {mean: ${unitExample}}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([], 'expected a distribution', `write one of: {p50: ${unitExample}, p99: ...}, {mean: ${unitExample}}, {constant: ${unitExample}}, {uniform: [min, max]}, {lognormal: {mu, sigma}}, {empirical: {p0, ..., p100}}`);
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const only = (...allowed: string[]): Issue | null => {
    const extra = keys.find((k) => !allowed.includes(k));
    return extra === undefined ? null : fail([extra], `unexpected key "${extra}" in a distribution`, `a distribution takes one form: ${FORMS.join(', ')}`);
  };
  if ('p50' in obj && 'p99' in obj && !('empirical' in obj)) {
    const bad = only('p50', 'p99');
    if (bad) return bad;
    const p50 = read(obj.p50, ['p50']);
    if (typeof p50 !== 'number') return p50;
    const p99 = read(obj.p99, ['p99']);
    if (typeof p99 !== 'number') return p99;
    if (!(p50 > 0)) return fail(['p50'], 'p50 must be greater than 0', 'a log-normal needs a positive median; use {constant: 0ms} for no delay');
    if (p99 < p50) return fail(['p99'], 'p99 is smaller than p50', 'the 99th percentile cannot be below the median');
    if (Math.log(p99 / p50) / Z99 > MAX_LOGNORMAL_SIGMA) return fail(['p99'], `p99 is more than ${Math.exp(MAX_LOGNORMAL_SIGMA * Z99).toExponential(0)} times p50`, 'so wide a log-normal draws values past any double: give a p99 nearer the p50, or an empirical table');
    return { kind: 'percentiles', p50, p99 };
  }
  if (('p50' in obj || 'p99' in obj) && !('empirical' in obj)) {
    return fail([], 'a percentile distribution needs both p50 and p99', `e.g. {p50: ${unitExample}, p99: ...}; for other percentiles use empirical: {p0, ..., p100}`);
  }
  if ('mean' in obj) {
    const bad = only('mean');
    if (bad) return bad;
    const mean = read(obj.mean, ['mean']);
    if (typeof mean !== 'number') return mean;
    if (!(mean > 0)) return fail(['mean'], 'mean must be greater than 0');
    return { kind: 'exponential', mean };
  }
  if ('constant' in obj) {
    const bad = only('constant');
    if (bad) return bad;
    const c = read(obj.constant, ['constant']);
    if (typeof c !== 'number') return c;
    return { kind: 'constant', value: c };
  }
  if ('uniform' in obj) {
    const bad = only('uniform');
    if (bad) return bad;
    const pair = obj.uniform;
    if (!Array.isArray(pair) || pair.length !== 2) return fail(['uniform'], 'uniform takes [min, max]', `e.g. uniform: [${unitExample}, ...]`);
    const min = read(pair[0], ['uniform', 0]);
    if (typeof min !== 'number') return min;
    const max = read(pair[1], ['uniform', 1]);
    if (typeof max !== 'number') return max;
    if (max < min) return fail(['uniform', 1], 'uniform max is smaller than min');
    return { kind: 'uniform', min, max };
  }
  if ('lognormal' in obj) {
    const bad = only('lognormal');
    if (bad) return bad;
    const params = obj.lognormal as Record<string, unknown> | null;
    if (typeof params !== 'object' || params === null || typeof params.mu !== 'number' || typeof params.sigma !== 'number') {
      return fail(['lognormal'], 'lognormal takes {mu, sigma} as plain numbers', 'mu and sigma are of the natural log of the value in ms (or bytes)');
    }
    const extra = Object.keys(params).find((k) => k !== 'mu' && k !== 'sigma');
    if (extra) return fail(['lognormal', extra], `unexpected key "${extra}"`, 'lognormal takes mu and sigma');
    if (!Number.isFinite(params.mu) || params.mu < MIN_LOGNORMAL_MU || params.mu > MAX_LOGNORMAL_MU) {
      return fail(['lognormal', 'mu'], `mu must be from ${MIN_LOGNORMAL_MU} to ${MAX_LOGNORMAL_MU.toFixed(1)}`, `mu is ln of the median in ms (or bytes): e^${MAX_LOGNORMAL_MU.toFixed(1)} is the longest duration apigw-sim takes, 3653 days`);
    }
    if (!(params.sigma >= 0 && params.sigma <= MAX_LOGNORMAL_SIGMA)) return fail(['lognormal', 'sigma'], `sigma must be from 0 to ${MAX_LOGNORMAL_SIGMA}`, 'a wider log-normal draws values past any double');
    return { kind: 'lognormal', mu: params.mu, sigma: params.sigma };
  }
  if ('empirical' in obj) {
    const bad = only('empirical');
    if (bad) return bad;
    return parseEmpirical(obj.empirical, read, fail);
  }
  return fail([], 'unknown distribution form', `write one of: ${FORMS.join(', ')} (e.g. {p50: ${unitExample}, p99: ...})`);
}

function parseEmpirical(
  table: unknown,
  read: (v: unknown, path: PropertyKey[]) => number | Issue,
  fail: (path: PropertyKey[], message: string, hint?: string) => Issue,
): DistributionSpec | Issue {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    return fail(['empirical'], 'empirical takes a table of percentiles', 'e.g. empirical: {p0: 5ms, p50: 20ms, p99: 200ms, p100: 1s}');
  }
  const points: Array<[number, number]> = [];
  for (const [key, raw] of Object.entries(table)) {
    const match = PERCENTILE_KEY.exec(key);
    if (!match || Number(match[1]) > 100) return fail(['empirical', key], `"${key}" is not a percentile`, 'keys are p0 ... p100, e.g. p50, p99, p99.9');
    const v = read(raw, ['empirical', key]);
    if (typeof v !== 'number') return v;
    points.push([Number(match[1]), v]);
  }
  points.sort((a, b) => a[0] - b[0]);
  if (points.length < 2 || points[0][0] !== 0 || points[points.length - 1][0] !== 100) {
    return fail(['empirical'], 'an empirical table needs p0 (the minimum) and p100 (the maximum)', 'e.g. empirical: {p0: 5ms, p50: 20ms, p99: 200ms, p100: 1s}');
  }
  for (let i = 1; i < points.length; i++) {
    if (points[i][1] < points[i - 1][1]) return fail(['empirical', `p${points[i][0]}`], `p${points[i][0]} is smaller than p${points[i - 1][0]}`, 'values must not decrease as the percentile grows');
  }
  return { kind: 'empirical', points };
}

const valueSchema = (pattern: string) => ({ type: 'string', pattern });

/** A zod type for a distribution of values parsed by `parseValue` (durations, sizes). */
export function distributionOf(parseValue: (v: unknown) => number, unitExample: string, pattern: string) {
  const v = valueSchema(pattern);
  return z
    .unknown()
    .transform((value, ctx) => {
      const result = parseDistribution(value, parseValue, unitExample);
      if ('kind' in result) return result;
      ctx.addIssue({ code: 'custom', message: result.message, path: result.path, params: { hint: result.hint } });
      return z.NEVER;
    })
    .meta({
      description: 'A distribution: {p50, p99} | {mean} | {constant} | {uniform: [min, max]} | {lognormal: {mu, sigma}} | {empirical: {p0..p100}}',
      oneOf: [
        { type: 'object', properties: { p50: v, p99: v }, required: ['p50', 'p99'], additionalProperties: false },
        { type: 'object', properties: { mean: v }, required: ['mean'], additionalProperties: false },
        { type: 'object', properties: { constant: v }, required: ['constant'], additionalProperties: false },
        { type: 'object', properties: { uniform: { type: 'array', items: v, minItems: 2, maxItems: 2 } }, required: ['uniform'], additionalProperties: false },
        {
          type: 'object',
          properties: { lognormal: { type: 'object', properties: { mu: { type: 'number', minimum: MIN_LOGNORMAL_MU, maximum: MAX_LOGNORMAL_MU }, sigma: { type: 'number', minimum: 0, maximum: MAX_LOGNORMAL_SIGMA } }, required: ['mu', 'sigma'], additionalProperties: false } },
          required: ['lognormal'],
          additionalProperties: false,
        },
        { type: 'object', properties: { empirical: { type: 'object', patternProperties: { '^p\\d+(\\.\\d+)?$': v }, additionalProperties: false } }, required: ['empirical'], additionalProperties: false },
      ],
    });
}

/** A single value (`4KB`, meaning always that) or a distribution of values. */
export function valueOrDistribution(parseValue: (v: unknown) => number, unitExample: string, pattern: string) {
  const distribution = distributionOf(parseValue, unitExample, pattern);
  return z
    .unknown()
    .transform((value, ctx): DistributionSpec => {
      if (typeof value === 'object' && value !== null) {
        const result = parseDistribution(value, parseValue, unitExample);
        if ('kind' in result) return result;
        ctx.addIssue({ code: 'custom', message: result.message, path: result.path, params: { hint: result.hint } });
        return z.NEVER;
      }
      try {
        return { kind: 'constant', value: parseValue(value) };
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message, params: { hint: error.hint } });
        return z.NEVER;
      }
    })
    .meta({ anyOf: [valueSchema(pattern), distribution.meta() ?? {}], description: `a value like ${unitExample}, or a distribution` });
}
