/**
 * Where the cheapest front door changes with the month's volume. Each
 * type's cost is a function of the monthly volume (its per-request usage
 * scaled, its hourly charges fixed); the table samples them on a log grid
 * and each change of the cheapest type between two grid points is narrowed
 * down by bisection on the log scale.
 */
import type { ApiType } from './monthly-usage.js';

export type CostAtVolume = (monthlyRequests: number) => number;

/** `K`: what is compared, front doors by default (`compare --designs` compares designs by name). */
export interface CrossoverRow<K extends string = ApiType> {
  readonly monthlyRequests: number;
  readonly usdByType: Readonly<Partial<Record<K, number>>>;
  readonly cheapest: K;
}

export interface Crossover<K extends string = ApiType> {
  /** The volume where `to` becomes cheaper than `from` (to within `precision` of it). */
  readonly monthlyRequests: number;
  readonly from: K;
  readonly to: K;
}

/** 1, 2 and 5 times each power of ten from `from` to `to` (both included when on the grid). */
export function volumeGrid(from: number, to: number): number[] {
  const grid: number[] = [];
  for (let exp = Math.floor(Math.log10(from)); exp <= Math.ceil(Math.log10(to)); exp++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** exp;
      if (v >= from * (1 - 1e-12) && v <= to * (1 + 1e-12)) grid.push(v);
    }
  }
  return grid;
}

export function crossoverTable<K extends string = ApiType>(costs: ReadonlyMap<K, CostAtVolume>, grid: readonly number[], precision = 1e-4): { rows: CrossoverRow<K>[]; crossovers: Crossover<K>[] } {
  const cheapestAt = (volume: number): { cheapest: K; usdByType: Partial<Record<K, number>> } => {
    const usdByType: Partial<Record<K, number>> = {};
    let cheapest: K | undefined;
    for (const [type, cost] of costs) {
      const usd = cost(volume);
      usdByType[type] = usd;
      if (cheapest === undefined || usd < (usdByType[cheapest] as number)) cheapest = type;
    }
    if (cheapest === undefined) throw new RangeError('no front door to compare');
    return { cheapest, usdByType };
  };
  const rows: CrossoverRow<K>[] = grid.map((monthlyRequests) => ({ monthlyRequests, ...cheapestAt(monthlyRequests) }));
  const crossovers: Crossover<K>[] = [];
  for (let i = 1; i < rows.length; i++) {
    let low = rows[i - 1].monthlyRequests;
    let high = rows[i].monthlyRequests;
    let lowType = rows[i - 1].cheapest;
    const highType = rows[i].cheapest;
    if (lowType === highType) continue;
    // several changes may hide between two grid points: find each from the left
    while (lowType !== highType) {
      let a = low;
      let b = high;
      while (b / a > 1 + precision) {
        const mid = Math.sqrt(a * b);
        if (cheapestAt(mid).cheapest === lowType) a = mid;
        else b = mid;
      }
      const next = cheapestAt(b).cheapest;
      crossovers.push({ monthlyRequests: b, from: lowType, to: next });
      lowType = next;
      low = b;
      if (b >= high) break;
    }
  }
  return { rows, crossovers };
}
