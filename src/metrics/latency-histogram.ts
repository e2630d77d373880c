/**
 * A streaming latency histogram with bounded relative error.
 *
 * Backed by HdrHistogram (hdr-histogram-js): values are kept as integer
 * microseconds with 3 significant digits, so every percentile is within
 * 0.1 % of the exact sample quantile, and memory is fixed by the value range
 * (a few hundred KB), not by how many values are recorded.
 *
 * It uses the package's WebAssembly build, several times faster a value
 * than its pure-JS build. WASM memory is not garbage-collected, so each
 * histogram is freed when its wrapper is (FinalizationRegistry) or
 * explicitly with `dispose()`. The module gets its memory up front
 * (./wasm-memory.ts): a WASM memory that grows makes every typed-array
 * access in the process slower.
 *
 * The module is compiled when the first histogram is made, not when this
 * file is imported: V8 reserves about 10 GB of address space for every
 * WebAssembly memory (its guard regions), so under a cap on virtual memory
 * (`ulimit -v` below about 11.5 GB) there is none to be had, and a command
 * that draws no histogram (`--version`, `validate`, `price`) must not need
 * one. A thread that cannot get it uses the package's JavaScript build
 * instead: the same counts and percentiles, so the same bytes out (tested),
 * about a fifth slower.
 */
import * as hdr from 'hdr-histogram-js';
import { reserveHistogramMemory } from './histogram-memory.js';

export type HistogramBuild = 'webassembly' | 'javascript';
let build: HistogramBuild | undefined;

/** The build this thread's histograms use, chosen when the first one is made: undefined before. */
export function histogramBuild(): HistogramBuild | undefined {
  return build;
}

/**
 * Chooses (and compiles) this thread's build now rather than at the first histogram: a
 * benchmark calls it before it starts its clock, since a process pays it once.
 */
export function prepareHistograms(): HistogramBuild {
  build ??= startWebAssembly();
  return build;
}

function useWebAssembly(): boolean {
  return prepareHistograms() === 'webassembly';
}

function startWebAssembly(): HistogramBuild {
  if (typeof WebAssembly === 'undefined') return 'javascript'; // node --jitless
  try {
    reserveHistogramMemory(); // before the module is compiled: its memory must never grow (see ./wasm-memory.ts)
    hdr.initWebAssemblySync();
    return 'webassembly';
  } catch (error) {
    if (error instanceof RangeError) return 'javascript'; // "WebAssembly.Instance(): Out of memory": no address space for it
    throw error;
  }
}

const registry = new FinalizationRegistry<hdr.Histogram>((histogram) => histogram.destroy());

const MICROS_PER_MS = 1000;
/** 3 significant digits: relative error at most 10^-3 (HdrHistogram's guarantee). */
export const HISTOGRAM_SIGNIFICANT_DIGITS = 3;
/**
 * 2 significant digits (relative error at most 10^-2) for the per-interval
 * percentiles of the time series: an eighth of the counts, so closing an
 * interval (its percentiles and a reset, each a walk over the counts) costs
 * an eighth as much.
 */
export const INTERVAL_SIGNIFICANT_DIGITS = 2;

export class LatencyHistogram {
  private readonly histogram: hdr.Histogram;
  /**
   * Zeros are counted here, not in the WASM histogram: stage latencies are
   * mostly zeros (no cold start, no queue, a cache hit's integration), and a
   * counter is far cheaper than a call into WASM. Zero is the
   * smallest value there is, so the percentiles stay exact (see percentileMs).
   */
  private zeros = 0;

  constructor(significantDigits: 1 | 2 | 3 | 4 | 5 = HISTOGRAM_SIGNIFICANT_DIGITS) {
    this.histogram = hdr.build({
      bitBucketSize: 32,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60 * 60 * MICROS_PER_MS * 1000, // 1 h, grows if needed
      numberOfSignificantValueDigits: significantDigits,
      useWebAssembly: useWebAssembly(),
    });
    registry.register(this, this.histogram, this);
  }

  /** Frees the histogram's memory now (it is freed anyway once unreachable). */
  dispose(): void {
    registry.unregister(this);
    this.histogram.destroy();
  }

  record(latencyMs: number): void {
    const micros = Math.round(latencyMs * MICROS_PER_MS);
    if (micros === 0) this.zeros++;
    else this.histogram.recordValue(micros);
  }

  get count(): number {
    return this.histogram.totalCount + this.zeros;
  }

  /**
   * The q-th percentile (q in 0..100) in ms; NaN when empty. As HdrHistogram
   * defines it: the value of rank max(1, round(q % of the count)) in order.
   * The first `zeros` values in order are the zeros, so a rank beyond them
   * is that rank among the others. Never above `maxMs`.
   */
  percentileMs(q: number): number {
    const others = this.histogram.totalCount;
    const total = others + this.zeros;
    if (total === 0) return NaN;
    const rank = Math.max(1, Math.floor((Math.min(q, 100) / 100) * total + 0.5));
    if (rank <= this.zeros) return 0;
    // the percentile of the others at which HdrHistogram picks rank - zeros; it answers
    // the top of the value's bucket, which may lie above the largest value recorded:
    // no percentile is larger than the maximum
    const micros = this.histogram.getValueAtPercentile((100 * (rank - this.zeros)) / others);
    return Math.min(micros, this.histogram.maxValue) / MICROS_PER_MS;
  }

  /** Memory the histogram holds, in bytes: set by its value range, not by how many values it has seen. */
  get footprintBytes(): number {
    return this.histogram.estimatedFootprintInBytes;
  }

  get maxMs(): number {
    if (this.histogram.totalCount === 0) return this.zeros > 0 ? 0 : NaN;
    return this.histogram.maxValue / MICROS_PER_MS;
  }

  get meanMs(): number {
    const others = this.histogram.totalCount;
    const total = others + this.zeros;
    if (total === 0) return NaN;
    return others === 0 ? 0 : (this.histogram.mean * others) / total / MICROS_PER_MS;
  }

  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
    this.zeros += other.zeros;
  }

  reset(): void {
    this.histogram.reset();
    this.zeros = 0;
  }

  /** Adds the values of an `encode()`d histogram (another replication's, say): merged percentiles are exact, not averaged. */
  addEncoded(encoded: string): void {
    const other = hdr.decodeFromCompressedBase64(encoded, 32, useWebAssembly());
    try {
      this.histogram.add(other);
    } finally {
      other.destroy();
    }
  }

  /** Compact, lossless text form (for partial results and merging). */
  encode(): string {
    // the zeros go into the histogram proper first: a zero there is the same zero
    if (this.zeros > 0) this.histogram.recordValueWithCount(0, this.zeros);
    this.zeros = 0;
    return hdr.encodeIntoCompressedBase64(this.histogram);
  }
}
