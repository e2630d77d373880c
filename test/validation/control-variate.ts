/**
 * The control-variate estimator of a mean from independent replications
 * (Lavenberg and Welch, "A perspective on the use of control variables to
 * increase the efficiency of Monte Carlo simulations", Management Science
 * 27(3), 1981; Law, "Simulation Modeling and Analysis", 5th ed., §11.4).
 *
 * Each replication gives the output Y_i and a control X_i whose expectation
 * μ_X is known exactly. The estimate is the intercept of the least-squares
 * line Y = a + β(X − μ_X):
 *
 *   Ŷ = Ȳ − β̂ (X̄ − μ_X),   β̂ = Σ(Y_i − Ȳ)(X_i − X̄) / Σ(X_i − X̄)²
 *
 * It is unbiased for E[Y] when (Y, X) are jointly normal, and its variance
 * is (1 − ρ²_XY) times that of Ȳ (times a small factor for estimating β):
 * a control that moves with the output removes most of its noise. The
 * interval is Student's t with R − 2 degrees of freedom on the residual
 * variance s² = Σ e_i² / (R − 2):
 *
 *   Var(Ŷ) = s² [1/R + (X̄ − μ_X)² / Σ(X_i − X̄)²]
 */
import { mean } from 'simple-statistics';
import { expect } from 'vitest';
import { tQuantile } from '../../src/metrics/replicated-summary.js';

export interface ControlledEstimate {
  /** The control-variate estimate of E[Y]. */
  mean: number;
  /** Half-width of its two-sided confidence interval at `level`. */
  halfWidth: number;
  /** The plain mean of Y and the half-width its interval would have had without the control. */
  plainMean: number;
  plainHalfWidth: number;
  /** The fitted slope and the sample correlation of Y and X. */
  beta: number;
  correlation: number;
}

export function controlVariateEstimate(ys: readonly number[], xs: readonly number[], controlMean: number, level = 0.99): ControlledEstimate {
  const r = ys.length;
  if (r !== xs.length || r < 4) throw new Error(`needs as many controls as outputs, and at least 4 (got ${r} and ${xs.length})`);
  const yBar = mean([...ys]);
  const xBar = mean([...xs]);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < r; i++) {
    sxx += (xs[i] - xBar) ** 2;
    sxy += (xs[i] - xBar) * (ys[i] - yBar);
    syy += (ys[i] - yBar) ** 2;
  }
  const beta = sxx > 0 ? sxy / sxx : 0;
  let sse = 0; // from the residuals, not syy − β·sxy, which cancels to rounding noise when the fit is close
  for (let i = 0; i < r; i++) sse += (ys[i] - yBar - beta * (xs[i] - xBar)) ** 2;
  const variance = (sse / (r - 2)) * (1 / r + (sxx > 0 ? (xBar - controlMean) ** 2 / sxx : 0));
  const q = (1 + level) / 2;
  return {
    mean: yBar - beta * (xBar - controlMean),
    halfWidth: tQuantile(q, r - 2) * Math.sqrt(variance),
    plainMean: yBar,
    plainHalfWidth: (tQuantile(q, r - 1) * Math.sqrt(syy / (r - 1))) / Math.sqrt(r),
    beta,
    correlation: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0,
  };
}

/** Two-sided 99.9 % normal quantile: the bound, in standard errors, of the input checks below. */
const Z_999 = 3.29;

/**
 * A control built from the simulator's own draws would hide a wrong input
 * (a rate a little high moves the output and the control together), so a
 * check that uses one also checks its inputs on their own, each to 99.9 %:
 * a Poisson count of arrivals against λT; the mean of exponential draws
 * (standard deviation = mean; for constant draws the bound only widens)
 * against their expectation; and the control's own mean against its exact
 * expectation, inside its plain 99.9 % interval over the replications.
 */
export function expectInputs(checks: {
  arrivals?: { count: number; expected: number };
  draws: { label: string; total: number; n: number; expectedMean: number };
  control: { label: string; values: readonly number[]; expectedMean: number };
}): void {
  const { arrivals, draws, control } = checks;
  if (arrivals) expect(Math.abs(arrivals.count - arrivals.expected), `arrivals ${arrivals.count} vs λT = ${arrivals.expected}`).toBeLessThan(Z_999 * Math.sqrt(arrivals.expected));
  const mean = draws.total / draws.n;
  expect(Math.abs(mean - draws.expectedMean), `${draws.label} mean ${mean}`).toBeLessThan((Z_999 * draws.expectedMean) / Math.sqrt(draws.n));
  const own = controlVariateEstimate(control.values, control.values, control.expectedMean, 0.999);
  expect(Math.abs(own.plainMean - control.expectedMean), `${control.label} ${own.plainMean} vs ${control.expectedMean}`).toBeLessThan(own.plainHalfWidth);
}
