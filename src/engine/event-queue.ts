/**
 * A binary min-heap of pending events keyed by (timeMs, priority, seq).
 *
 * Events live in slots held in parallel typed arrays (struct of arrays); the
 * heap orders slot numbers. Nothing is allocated per event once the arrays
 * have grown to the run's peak number of pending events: this is what lets
 * the kernel schedule millions of events per second (bench/kernel compares it
 * with a minimal hand-written heap). Cancelling removes the event from the
 * heap at once (each slot knows its heap position), so time-outs that almost
 * never fire do not pile up.
 *
 * Ties break by priority (lower first), then by scheduling order, so a run
 * always orders simultaneous events the same way (as SimPy's core does).
 */

/** Opaque handle returned by `push`, used by `remove`. */
export type EventId = number;

const SLOT_BITS = 2 ** 24; // up to 16.7 M pending events at once
const MIN_PRIORITY = -128;
const MAX_PRIORITY = 127;
/** seq is packed under the priority in one float: (priority + 128) * 2^44 + seq. */
const SEQ_SPAN = 2 ** 44;

export class EventQueue<P = unknown> {
  private times: Float64Array;
  private ties: Float64Array;
  private heap: Int32Array; // heap position -> slot
  private positions: Int32Array; // slot -> heap position, -1 when free
  private generations: Int32Array; // bumped each time a slot is reused
  private callbacks: Array<((payload: P) => void) | null>;
  private payloads: Array<P | undefined>;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSlot = 0;
  private count = 0;
  private seq = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.ties = new Float64Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.positions = new Int32Array(initialCapacity).fill(-1);
    this.generations = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    this.callbacks = new Array(initialCapacity).fill(null);
    this.payloads = new Array(initialCapacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[this.heap[0]];
  }

  push(timeMs: number, priority: number, callback: (payload: P) => void, payload: P): EventId {
    if (!(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY) || !Number.isInteger(priority)) {
      throw new RangeError(`event priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`);
    }
    const slot = this.allocateSlot();
    this.times[slot] = timeMs;
    this.ties[slot] = (priority - MIN_PRIORITY) * SEQ_SPAN + this.seq++;
    this.callbacks[slot] = callback;
    this.payloads[slot] = payload;
    const pos = this.count++;
    this.heap[pos] = slot;
    this.positions[slot] = pos;
    this.siftUp(pos);
    return this.generations[slot] * SLOT_BITS + slot;
  }

  /** Removes a pending event; returns false if it already ran or was removed. */
  remove(id: EventId): boolean {
    const slot = id % SLOT_BITS;
    const generation = (id - slot) / SLOT_BITS;
    if (slot >= this.nextSlot || this.generations[slot] !== generation) return false;
    const pos = this.positions[slot];
    if (pos < 0) return false;
    this.deleteAt(pos);
    this.releaseSlot(slot);
    return true;
  }

  /**
   * Pops the earliest event and hands its parts to `sink` (avoids allocating
   * a result object). Returns false when the queue is empty.
   */
  popInto(sink: PoppedEvent<P>): boolean {
    if (this.count === 0) return false;
    const slot = this.heap[0];
    sink.timeMs = this.times[slot];
    sink.callback = this.callbacks[slot];
    sink.payload = this.payloads[slot];
    this.deleteAt(0);
    this.releaseSlot(slot);
    return true;
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.nextSlot === this.times.length) this.grow();
    if (this.nextSlot >= SLOT_BITS) throw new RangeError('more than 16.7 M events pending at once');
    return this.nextSlot++;
  }

  private releaseSlot(slot: number): void {
    this.positions[slot] = -1;
    this.callbacks[slot] = null;
    this.payloads[slot] = undefined;
    this.generations[slot] = (this.generations[slot] + 1) & 0x7fffffff;
    this.freeSlots[this.freeCount++] = slot;
  }

  private deleteAt(pos: number): void {
    const last = --this.count;
    if (pos === last) return;
    const moved = this.heap[last];
    this.heap[pos] = moved;
    this.positions[moved] = pos;
    if (pos > 0 && this.less(moved, this.heap[(pos - 1) >> 1])) this.siftUp(pos);
    else this.siftDown(pos);
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    return ta < tb || (ta === tb && this.ties[a] < this.ties[b]);
  }

  private siftUp(pos: number): void {
    const heap = this.heap;
    const slot = heap[pos];
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos];
      if (!this.less(slot, parent)) break;
      heap[pos] = parent;
      this.positions[parent] = pos;
      pos = parentPos;
    }
    heap[pos] = slot;
    this.positions[slot] = pos;
  }

  private siftDown(pos: number): void {
    const heap = this.heap;
    const n = this.count;
    const slot = heap[pos];
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.less(heap[right], heap[child])) child = right;
      const childSlot = heap[child];
      if (!this.less(childSlot, slot)) break;
      heap[pos] = childSlot;
      this.positions[childSlot] = pos;
      pos = child;
    }
    heap[pos] = slot;
    this.positions[slot] = pos;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = growFloat(this.times, capacity);
    this.ties = growFloat(this.ties, capacity);
    this.heap = growInt(this.heap, capacity, 0);
    this.positions = growInt(this.positions, capacity, -1);
    this.generations = growInt(this.generations, capacity, 0);
    this.freeSlots = growInt(this.freeSlots, capacity, 0);
    this.callbacks.length = capacity;
    this.callbacks.fill(null, capacity / 2);
    this.payloads.length = capacity;
    this.payloads.fill(undefined, capacity / 2);
  }
}

/** Reusable holder that `popInto` fills. */
export interface PoppedEvent<P> {
  timeMs: number;
  callback: ((payload: P) => void) | null;
  payload: P | undefined;
}

function growFloat(source: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(source);
  return next;
}

function growInt(source: Int32Array, capacity: number, fillValue: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(source);
  if (fillValue !== 0) next.fill(fillValue, source.length);
  return next;
}
