/**
 * The offered rate over time (DESIGN §4.1): phases in order (constant or a
 * linear ramp), spikes added on top, and an optional daily sine that
 * multiplies the lot: rate(t) = (phase(t) + spikes(t)) * (1 + a * sin(2πt / period)).
 * After the last phase the last rate holds.
 *
 * For thinning (Lewis & Shedler) the profile is cut into segments at every
 * phase and spike boundary; `segmentAt` gives each segment's end and an upper
 * bound of the rate inside it.
 */
export interface Phase {
  durationMs: number;
  fromPerSecond: number;
  toPerSecond: number;
}

export interface Spike {
  atMs: number;
  durationMs: number;
  ratePerSecond: number;
}

export interface DailyCycle {
  /** Relative swing: 0.3 means ±30 % around the profile. */
  amplitude: number;
  periodMs: number;
}

export interface Segment {
  endMs: number;
  maxPerSecond: number;
  /** The rate is the same everywhere in the segment (no thinning draw needed). */
  flat: boolean;
}

export class RateProfile {
  private readonly starts: number[] = [];
  private readonly breakpoints: number[];

  constructor(
    private readonly phases: readonly Phase[],
    private readonly spikes: readonly Spike[] = [],
    private readonly daily: DailyCycle | null = null,
  ) {
    if (phases.length === 0) throw new RangeError('a rate profile needs at least one phase');
    let t = 0;
    const points = new Set<number>([0]);
    for (const phase of phases) {
      this.starts.push(t);
      t += phase.durationMs;
      points.add(t);
    }
    for (const s of spikes) {
      points.add(s.atMs);
      points.add(s.atMs + s.durationMs);
    }
    this.breakpoints = [...points].sort((a, b) => a - b);
  }

  /** Requests per second at time t. */
  rateAt(tMs: number): number {
    let rate = this.baseAt(tMs);
    for (const s of this.spikes) if (tMs >= s.atMs && tMs < s.atMs + s.durationMs) rate += s.ratePerSecond;
    if (this.daily) rate *= 1 + this.daily.amplitude * Math.sin((2 * Math.PI * tMs) / this.daily.periodMs);
    return Math.max(0, rate);
  }

  /** The segment that contains t: its end and a bound of the rate in it. */
  segmentAt(tMs: number): Segment {
    let endMs = Infinity;
    for (const b of this.breakpoints) {
      if (b > tMs) {
        endMs = b;
        break;
      }
    }
    const startRate = this.rateWithoutCycle(tMs);
    const probeEnd = Number.isFinite(endMs) ? endMs - 1e-9 : tMs;
    const endRate = this.rateWithoutCycle(probeEnd);
    const swing = this.daily ? 1 + Math.abs(this.daily.amplitude) : 1;
    return { endMs, maxPerSecond: Math.max(startRate, endRate) * swing, flat: startRate === endRate && this.daily === null };
  }

  /** Expected arrivals in [fromMs, toMs): the integral of the rate (numerically, for tests and reports). */
  expectedArrivals(fromMs: number, toMs: number, steps = 10_000): number {
    const h = (toMs - fromMs) / steps;
    let sum = 0;
    for (let i = 0; i < steps; i++) sum += this.rateAt(fromMs + (i + 0.5) * h);
    return (sum * h) / 1000;
  }

  private rateWithoutCycle(tMs: number): number {
    let rate = this.baseAt(tMs);
    for (const s of this.spikes) if (tMs >= s.atMs && tMs < s.atMs + s.durationMs) rate += s.ratePerSecond;
    return Math.max(0, rate);
  }

  private baseAt(tMs: number): number {
    for (let i = this.phases.length - 1; i >= 0; i--) {
      if (tMs >= this.starts[i]) {
        const p = this.phases[i];
        if (tMs >= this.starts[i] + p.durationMs) return p.toPerSecond; // after the last phase: hold
        return p.fromPerSecond + ((p.toPerSecond - p.fromPerSecond) * (tMs - this.starts[i])) / p.durationMs;
      }
    }
    return this.phases[0].fromPerSecond;
  }
}
