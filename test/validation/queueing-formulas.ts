/**
 * Closed forms of queueing theory the simulator is checked against. Written
 * from the textbook definitions (Kleinrock, "Queueing Systems" vol. 1,
 * §3.5–3.7; Gross & Harris, "Fundamentals of Queueing Theory" §2.3–2.5),
 * not from the simulator's code.
 */

/** Erlang B: the probability that an arrival finds all `c` servers busy with `a` erlangs offered (M/M/c/c). Stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** P(N ≥ c) for N ~ Poisson(a): the share of time (and, by PASTA, of Poisson arrivals) an M/M/∞ system with `a` erlangs holds c or more. Terms e^−a·aᵏ/k! by the recursion pₖ = pₖ₋₁·a/k. */
export function poissonTailAtLeast(c: number, a: number): number {
  let term = Math.exp(-a);
  let below = 0;
  for (let k = 0; k < c; k++) {
    below += term;
    term = (term * a) / (k + 1);
  }
  return 1 - below;
}

/** Erlang C: the probability that an arrival waits in an M/M/c queue with `a` = λ/μ erlangs (a < c). */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new Error(`Erlang C needs a < c (got a = ${a}, c = ${c})`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean time in queue (before service) of M/M/c: Wq = C(c, a) / (cμ − λ). Rates per second, result in ms. */
export function mmcMeanWaitMs(c: number, lambdaPerS: number, muPerS: number): number {
  return (erlangC(c, lambdaPerS / muPerS) / (c * muPerS - lambdaPerS)) * 1000;
}

/** M/M/1/K: the probability that an arrival finds K in the system and is turned away. */
export function mm1kBlocking(rho: number, k: number): number {
  if (rho === 1) return 1 / (k + 1);
  return ((1 - rho) * rho ** k) / (1 - rho ** (k + 1));
}

/** Mean time in queue of M/M/1 with service rate μ: Wq = ρ / (μ − λ), ρ = λ/μ. Rates per second, result in ms. */
export function mm1MeanWaitMs(lambdaPerS: number, muPerS: number): number {
  if (!(lambdaPerS < muPerS)) throw new Error(`M/M/1 needs λ < μ (got λ = ${lambdaPerS}, μ = ${muPerS})`);
  return (lambdaPerS / muPerS / (muPerS - lambdaPerS)) * 1000;
}
