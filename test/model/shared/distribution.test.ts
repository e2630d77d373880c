/**
 * Sampled moments and percentiles against the closed forms, written here
 * from the textbook formulas (not read from the code). Tolerances come from
 * the sample size: 4.5 standard errors, where
 *  - the SE of a sample mean is σ/√n;
 *  - the SE of a sample variance is √((μ₄ − σ⁴)/n) (μ₄ the fourth central moment);
 *  - the SE of a sample p-quantile is √(p(1−p)/n) / f(x_p) (f the density).
 * A correct sampler fails one such check with probability ~7·10⁻⁶.
 */
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { createDistribution, type DistributionSpec } from '../../../src/model/shared/distribution.js';

const N = 200_000;
const Z = 4.5;

function sample(spec: DistributionSpec, seed = 1): Float64Array {
  const d = createDistribution(spec);
  const stream = new RandomStreams(seed).get('x');
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = d.sample(stream);
  return xs;
}

function moments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

function sortedOf(xs: Float64Array): number[] {
  return Array.from(xs).sort((a, b) => a - b);
}

/** Standard normal density and the inverse CDF at the few points used (from tables). */
const phi = (z: number) => Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
const Z_TABLE: Record<number, number> = { 0.5: 0, 0.9: 1.2815515655, 0.99: 2.3263478740 };

describe('distributions', () => {
  it('constant always returns its value', () => {
    const xs = sample({ kind: 'constant', value: 12 });
    expect(xs.every((x) => x === 12)).toBe(true);
  });

  it.each([
    { kind: 'constant', value: 12 },
    { kind: 'exponential', mean: 5 },
    { kind: 'uniform', min: 1, max: 2 },
    { kind: 'lognormal', mu: 1, sigma: 0.5 },
    { kind: 'percentiles', p50: 60, p99: 400 },
    { kind: 'empirical', points: [[0, 1], [100, 2]] },
  ] as const)('$kind takes exactly one draw per sample (changing a form never shifts later draws)', (spec) => {
    const streams = new RandomStreams(9);
    const stream = streams.get('x');
    const d = createDistribution(spec);
    for (let i = 0; i < 10; i++) d.sample(stream);
    const fresh = new RandomStreams(9).get('x');
    for (let i = 0; i < 10; i++) fresh.next();
    expect(stream.next()).toBe(fresh.next());
  });

  it('exponential {mean θ}: mean θ, variance θ² (μ₄ = 9θ⁴), median θ·ln 2', () => {
    const theta = 80;
    const xs = sample({ kind: 'exponential', mean: theta });
    const m = moments(xs);
    expect(Math.abs(m.mean - theta)).toBeLessThan((Z * theta) / Math.sqrt(N));
    expect(Math.abs(m.variance - theta ** 2)).toBeLessThan(Z * Math.sqrt((9 - 1) / N) * theta ** 2);
    const median = theta * Math.LN2;
    const density = Math.exp(-median / theta) / theta;
    expect(Math.abs(quantileSorted(sortedOf(xs), 0.5) - median)).toBeLessThan((Z * Math.sqrt(0.25 / N)) / density);
  });

  it('uniform {min, max}: mean (a+b)/2, variance w²/12 (μ₄ = w⁴/80), all draws inside', () => {
    const [a, b] = [20, 100];
    const w = b - a;
    const xs = sample({ kind: 'uniform', min: a, max: b });
    const m = moments(xs);
    expect(Math.abs(m.mean - (a + b) / 2)).toBeLessThan(Z * Math.sqrt(w ** 2 / 12 / N));
    expect(Math.abs(m.variance - w ** 2 / 12)).toBeLessThan(Z * Math.sqrt((1 / 80 - 1 / 144) / N) * w ** 2);
    expect(xs.every((x) => x >= a && x < b)).toBe(true);
  });

  it('log-normal {mu, sigma}: mean e^(μ+σ²/2) and percentiles e^(μ+σ·z_p)', () => {
    const [mu, sigma] = [Math.log(60), 0.5];
    const xs = sample({ kind: 'lognormal', mu, sigma });
    const sd = Math.sqrt(Math.expm1(sigma ** 2) * Math.exp(2 * mu + sigma ** 2));
    expect(Math.abs(moments(xs).mean - Math.exp(mu + sigma ** 2 / 2))).toBeLessThan((Z * sd) / Math.sqrt(N));
    const sorted = sortedOf(xs);
    for (const p of [0.5, 0.9, 0.99]) {
      const x = Math.exp(mu + sigma * Z_TABLE[p]);
      const density = phi(Z_TABLE[p]) / (x * sigma);
      expect(Math.abs(quantileSorted(sorted, p) - x), `p${p * 100}`).toBeLessThan((Z * Math.sqrt((p * (1 - p)) / N)) / density);
    }
  });

  it('log-normal fitted from {p50, p99} puts those percentiles where asked', () => {
    const [p50, p99] = [60, 400];
    const sorted = sortedOf(sample({ kind: 'percentiles', p50, p99 }));
    const sigma = Math.log(p99 / p50) / Z_TABLE[0.99];
    for (const [p, x] of [[0.5, p50], [0.99, p99]] as const) {
      const density = phi(Z_TABLE[p]) / (x * sigma);
      expect(Math.abs(quantileSorted(sorted, p) - x), `p${p * 100}`).toBeLessThan((Z * Math.sqrt((p * (1 - p)) / N)) / density);
    }
  });

  it('empirical percentile table: the sample hits every listed percentile, interpolating linearly between', () => {
    const table: Array<[number, number]> = [[0, 10], [50, 40], [90, 100], [99, 300], [100, 500]];
    const sorted = sortedOf(sample({ kind: 'empirical', points: table }));
    for (let i = 1; i < table.length - 1; i++) {
      const [pc, x] = table[i];
      const p = pc / 100;
      // density just below and above the point; the larger error bound of the two sides
      const below = (table[i][0] - table[i - 1][0]) / 100 / (table[i][1] - table[i - 1][1]);
      const above = (table[i + 1][0] - table[i][0]) / 100 / (table[i + 1][1] - table[i][1]);
      expect(Math.abs(quantileSorted(sorted, p) - x), `p${pc}`).toBeLessThan((Z * Math.sqrt((p * (1 - p)) / N)) / Math.min(below, above));
    }
    // p70 lies a half of the way from p50 (40) to p90 (100)
    const density = (90 - 50) / 100 / (100 - 40);
    expect(Math.abs(quantileSorted(sorted, 0.7) - 70)).toBeLessThan((Z * Math.sqrt(0.21 / N)) / density);
  });

  it('the mean and variance a distribution reports are its closed forms', () => {
    expect(createDistribution({ kind: 'exponential', mean: 5 })).toMatchObject({ mean: 5, variance: 25 });
    expect(createDistribution({ kind: 'uniform', min: 0, max: 6 })).toMatchObject({ mean: 3, variance: 3 });
    const ln = createDistribution({ kind: 'lognormal', mu: 1, sigma: 0.5 });
    expect(ln.mean).toBeCloseTo(Math.exp(1.125), 12);
    expect(ln.variance).toBeCloseTo((Math.exp(0.25) - 1) * Math.exp(2.25), 10);
    // empirical uniform on [0, 10] as a two-point table: mean 5, variance 100/12
    const flat = createDistribution({ kind: 'empirical', points: [[0, 0], [100, 10]] });
    expect(flat.mean).toBeCloseTo(5, 12);
    expect(flat.variance).toBeCloseTo(100 / 12, 10);
  });

  it('max bounds every draw, and is reached (near the top quantile) where the distribution is bounded', () => {
    const bounded: Array<[DistributionSpec, number]> = [
      [{ kind: 'constant', value: 7 }, 7],
      [{ kind: 'uniform', min: 2, max: 9 }, 9],
      [{ kind: 'empirical', points: [[0, 1], [90, 30], [100, 12]] }, 30], // a table need not rise: the largest value bounds it
    ];
    for (const [spec, max] of bounded) {
      const d = createDistribution(spec);
      expect(d.max).toBe(max);
      const largest = sample(spec).reduce((a, b) => Math.max(a, b), -Infinity);
      expect(largest).toBeLessThanOrEqual(max);
      expect(largest).toBeGreaterThanOrEqual(max - (max - d.quantile(0)) * 0.01);
    }
    for (const spec of [{ kind: 'exponential', mean: 1 }, { kind: 'lognormal', mu: 0, sigma: 1 }, { kind: 'percentiles', p50: 1, p99: 5 }] as DistributionSpec[]) {
      expect(createDistribution(spec).max).toBe(Infinity);
    }
  });
});
