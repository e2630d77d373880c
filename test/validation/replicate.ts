/**
 * Independent replications of a shipped validation scenario: the same file
 * with seeds 1..R, each with its own warm-up. The R estimates are
 * independent and (by the central limit theorem over a long run)
 * close to normal, so their mean has a Student-t confidence interval.
 */
import { join } from 'node:path';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Usage } from '../../src/model/component.js';
import { tQuantile } from '../../src/metrics/replicated-summary.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { ROOT } from '../cli/run-cli.js';

export interface Replicated {
  mean: number;
  /** Half-width of the two-sided 99 % confidence interval of the mean. */
  halfWidth: number;
  estimates: number[];
}

export function replicate(options: {
  file: string;
  ratePerS: number;
  replications: number;
  measuredSeconds: number;
  estimate: (usage: Record<string, Usage>) => number;
}): Replicated {
  const base = loadScenario(join(ROOT, 'scenarios/validation', options.file));
  const estimates: number[] = [];
  for (let seed = 1; seed <= options.replications; seed++) {
    const scenario = { ...base, seed, duration: base.warmup + options.measuredSeconds * 1000, load: { ...base.load, rate: options.ratePerS } };
    estimates.push(options.estimate(runScenario(scenario).usage));
  }
  const r = options.replications;
  return { mean: mean(estimates), halfWidth: (tQuantile(0.995, r - 1) * sampleStandardDeviation(estimates)) / Math.sqrt(r), estimates };
}
