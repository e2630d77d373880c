/**
 * Distributions of non-negative values (durations in ms, sizes in bytes),
 * as scenario files state them: `{p50, p99}` (a log-normal fitted to the two
 * percentiles), `{mean}` (exponential), `{constant}`, `{uniform: [min, max]}`,
 * `{lognormal: {mu, sigma}}` (of the natural log of the value) and an
 * empirical table of percentiles (`p0` and `p100` required, linear in
 * between).
 *
 * Every sample is one inverse-transform draw: one uniform number in, one
 * value out. So a stream advances by exactly one draw per sample whatever
 * the shape, which keeps runs reproducible when a distribution changes.
 */
import type { RandomStream } from '../../engine/random.js';
import { normalQuantile } from './normal-quantile.js';

export { normalQuantile } from './normal-quantile.js';

export type DistributionSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'percentiles'; p50: number; p99: number }
  | { kind: 'empirical'; points: ReadonlyArray<readonly [percentile: number, value: number]> };

export interface Distribution {
  readonly spec: DistributionSpec;
  readonly mean: number;
  readonly variance: number;
  /** The largest value a sample can take (Infinity where the distribution has no bound). */
  readonly max: number;
  /** Inverse CDF, p in [0, 1). */
  quantile(p: number): number;
  sample(stream: RandomStream): number;
}

const Z_99 = normalQuantile(0.99);

export function createDistribution(spec: DistributionSpec): Distribution {
  switch (spec.kind) {
    case 'constant':
      return constant(spec);
    case 'exponential':
      return exponential(spec);
    case 'uniform':
      return uniform(spec);
    case 'lognormal':
      return lognormal(spec, spec.mu, spec.sigma);
    case 'percentiles':
      return lognormal(spec, ...fitLognormal(spec.p50, spec.p99));
    case 'empirical':
      return empirical(spec);
  }
}

/** mu and sigma of the log-normal whose median is p50 and 99th percentile is p99. */
export function fitLognormal(p50: number, p99: number): [mu: number, sigma: number] {
  if (!(p50 > 0) || !(p99 >= p50)) throw new RangeError(`need 0 < p50 <= p99, got p50=${p50}, p99=${p99}`);
  return [Math.log(p50), (Math.log(p99) - Math.log(p50)) / Z_99];
}

function constant(spec: Extract<DistributionSpec, { kind: 'constant' }>): Distribution {
  const value = spec.value;
  // still one draw per sample: switching a distribution between constant and
  // any other form must not shift the later draws of the same stream
  return {
    spec,
    mean: value,
    variance: 0,
    max: value,
    quantile: () => value,
    sample: (s) => {
      s.next();
      return value;
    },
  };
}

function exponential(spec: Extract<DistributionSpec, { kind: 'exponential' }>): Distribution {
  const mean = spec.mean;
  const quantile = (p: number) => -mean * Math.log1p(-p);
  return { spec, mean, variance: mean * mean, max: Infinity, quantile, sample: (s) => quantile(s.next()) };
}

function uniform(spec: Extract<DistributionSpec, { kind: 'uniform' }>): Distribution {
  const { min, max } = spec;
  const width = max - min;
  const quantile = (p: number) => min + width * p;
  return { spec, mean: min + width / 2, variance: (width * width) / 12, max, quantile, sample: (s) => quantile(s.next()) };
}

function lognormal(spec: DistributionSpec, mu: number, sigma: number): Distribution {
  const quantile = (p: number) => Math.exp(mu + sigma * normalQuantile(p));
  const s2 = sigma * sigma;
  return {
    spec,
    mean: Math.exp(mu + s2 / 2),
    variance: Math.expm1(s2) * Math.exp(2 * mu + s2),
    max: Infinity,
    quantile,
    // a uniform draw of exactly 0 would give exp(-Infinity) = 0: allowed, never negative
    sample: (s) => quantile(s.next()),
  };
}

function empirical(spec: Extract<DistributionSpec, { kind: 'empirical' }>): Distribution {
  const ps = spec.points.map(([percentile]) => percentile / 100);
  const values = spec.points.map(([, value]) => value);
  const quantile = (p: number) => {
    let i = 1;
    while (i < ps.length - 1 && ps[i] < p) i++;
    const span = ps[i] - ps[i - 1];
    const t = span === 0 ? 0 : (p - ps[i - 1]) / span;
    return values[i - 1] + t * (values[i] - values[i - 1]);
  };
  // piecewise-linear quantile = mixture of uniforms on each segment
  let mean = 0;
  let secondMoment = 0;
  for (let i = 1; i < ps.length; i++) {
    const weight = ps[i] - ps[i - 1];
    const a = values[i - 1];
    const b = values[i];
    mean += (weight * (a + b)) / 2;
    secondMoment += (weight * (a * a + a * b + b * b)) / 3;
  }
  return { spec, mean, variance: secondMoment - mean * mean, max: Math.max(...values), quantile, sample: (s) => quantile(s.next()) };
}
