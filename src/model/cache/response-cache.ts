/** TEMPORARY stand-in until the typed-array LRU lands (same interface). */
import type { RandomStream } from '../../engine/random.js';

export class ResponseCache {
  private readonly entries = new Map<number, number>();
  constructor(private readonly options: { keyCount: number; capacity: number; ttlMs: number }) {}
  lookup(key: number, nowMs: number): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    this.entries.delete(key);
    if (expires <= nowMs) return false;
    this.entries.set(key, expires);
    return true;
  }
  insert(key: number, nowMs: number): void {
    if (this.options.ttlMs <= 0 || this.options.capacity <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.capacity) this.entries.delete(this.entries.keys().next().value as number);
    this.entries.set(key, nowMs + this.options.ttlMs);
  }
}

export class FixedHitRatio {
  private stream: RandomStream | null = null;
  constructor(readonly ratio: number) {}
  bind(stream: RandomStream): void {
    this.stream = stream;
  }
  lookup(): boolean {
    return (this.stream as RandomStream).next() < this.ratio;
  }
  insert(): void {}
}
