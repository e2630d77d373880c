/**
 * Named, seeded random streams.
 *
 * Each stream is its own generator seeded from (run seed, stream name), so
 * drawing more numbers from `arrivals` never changes what `service` returns,
 * and adding a component does not shift every other component's draws.
 *
 * Generator: seedrandom's Alea (Johannes Baagøe): among seedrandom's
 * algorithms, the fastest that passes the usual statistical batteries for
 * simulation use (period ~2^116).
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface RandomStream {
  readonly name: string;
  next(): number;
}

export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number | string) {}

  /** The stream with this name, created on first use. */
  get(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      const generator = seedrandom.alea(`${this.seed}/${name}`);
      stream = { name, next: generator };
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** Names of the streams used so far, sorted (for run.json). */
  names(): string[] {
    return [...this.streams.keys()].sort();
  }
}
