/**
 * Che's approximation for an LRU cache under the independent reference
 * model (H. Che, Y. Tung, Z. Wang, "Hierarchical Web caching systems:
 * modeling, design and experimental results", IEEE JSAC 2002; why it is so
 * accurate: C. Fricker, P. Robert, J. Roberts, "A versatile and accurate
 * approximation for LRU cache performance", ITC 2012).
 *
 * With request probabilities p_i and C entries, an entry stays in the cache
 * for a "characteristic time" T (in requests) after its last request, where
 * T solves sum_i (1 - exp(-p_i T)) = C; the hit ratio is then
 * sum_i p_i (1 - exp(-p_i T)).
 */
export function cheHitRatio(probabilities: readonly number[], capacity: number): number {
  if (capacity >= probabilities.length) return 1;
  if (capacity <= 0) return 0;
  const occupancy = (t: number) => probabilities.reduce((sum, p) => sum - Math.expm1(-p * t), 0);
  // occupancy grows from 0 to n with T: bisect on a log scale
  let lo = 1e-9;
  let hi = 1;
  while (occupancy(hi) < capacity) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  const t = Math.sqrt(lo * hi);
  return probabilities.reduce((sum, p) => sum - p * Math.expm1(-p * t), 0);
}

/**
 * A TTL cache whose entries live `ttl` from the miss that stored them (hits
 * do not extend them), with Poisson requests at `rate` per ms: each key
 * cycles through one miss and on average rate * p_i * ttl hits, so its hit
 * ratio is r / (1 + r) with r = rate * p_i * ttl (a renewal argument; exact).
 */
export function ttlHitRatio(probabilities: readonly number[], ratePerMs: number, ttlMs: number): number {
  return probabilities.reduce((sum, p) => {
    const r = ratePerMs * p * ttlMs;
    return sum + (p * r) / (1 + r);
  }, 0);
}
