/**
 * A 4-ary min-heap of pending events keyed by (timeMs, priority, seq).
 *
 * Events live in slots held in parallel typed arrays (struct of arrays); the
 * heap orders slot numbers. Nothing is allocated per event once the arrays
 * have grown to the run's peak number of pending events: this is what lets
 * the kernel schedule millions of events per second (`npm run bench` compares it
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
  // heap order: entry i's time, tie key and slot. A 4-ary heap (parent at
  // (i - 1) >> 2): half the levels of a binary heap, and the four children
  // sit side by side in memory.
  // Keeping the keys in heap order (not behind the slot) makes every
  // comparison read adjacent memory (measured with `npm run bench`).
  private heapTimes: Float64Array;
  private heapTies: Float64Array;
  private heapSlots: Int32Array;
  // per slot: where it sits in the heap (-1 when free) and its reuse count
  private positions: Int32Array;
  private generations: Int32Array;
  private callbacks: Array<((payload: P) => void) | null>;
  private payloads: Array<P | undefined>;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSlot = 0;
  private count = 0;
  private seq = 0;
  /**
   * The root was popped but is still in the heap. Most events schedule
   * another (the next arrival, the end of a service), so the next push
   * takes the root's place and sifts down once, instead of a sift-down to
   * delete the root and a sift-up to insert: one heap pass per event instead
   * of two (~5 % of a run, measured with `npm run bench`). Any other operation
   * settles first.
   */
  private rootPopped = false;

  constructor(initialCapacity = 1024) {
    this.heapTimes = new Float64Array(initialCapacity);
    this.heapTies = new Float64Array(initialCapacity);
    this.heapSlots = new Int32Array(initialCapacity);
    this.positions = new Int32Array(initialCapacity).fill(-1);
    this.generations = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    this.callbacks = new Array(initialCapacity).fill(null);
    this.payloads = new Array(initialCapacity).fill(undefined);
  }

  get size(): number {
    return this.rootPopped ? this.count - 1 : this.count;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    if (this.rootPopped) this.settle();
    return this.count === 0 ? Infinity : this.heapTimes[0];
  }

  push(timeMs: number, priority: number, callback: (payload: P) => void, payload: P): EventId {
    if (priority !== 0 && (!(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY) || !Number.isInteger(priority))) {
      throw new RangeError(`event priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`);
    }
    const slot = this.allocateSlot();
    this.callbacks[slot] = callback;
    this.payloads[slot] = payload;
    const tie = (priority - MIN_PRIORITY) * SEQ_SPAN + this.seq++;
    if (this.rootPopped) {
      this.rootPopped = false;
      this.siftDown(0, timeMs, tie, slot);
    } else {
      this.siftUp(this.count++, timeMs, tie, slot);
    }
    return this.generations[slot] * SLOT_BITS + slot;
  }

  /** Removes a pending event; returns false if it already ran or was removed. */
  remove(id: EventId): boolean {
    if (this.rootPopped) this.settle();
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
    if (this.rootPopped) this.settle();
    if (this.count === 0) return false;
    const slot = this.heapSlots[0];
    sink.timeMs = this.heapTimes[0];
    sink.callback = this.callbacks[slot];
    sink.payload = this.payloads[slot];
    this.releaseSlot(slot);
    this.rootPopped = true; // removed from the heap by the next push, or by settle()
    return true;
  }

  /** Deletes a popped root that no push replaced. */
  private settle(): void {
    this.rootPopped = false;
    this.deleteAt(0);
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.nextSlot === this.positions.length) this.growSlots();
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

  /** Removes heap entry `pos` by moving the last entry into its place. */
  private deleteAt(pos: number): void {
    const last = --this.count;
    if (pos === last) return;
    const time = this.heapTimes[last];
    const tie = this.heapTies[last];
    const slot = this.heapSlots[last];
    const parent = (pos - 1) >> 2;
    if (pos > 0 && (time < this.heapTimes[parent] || (time === this.heapTimes[parent] && tie < this.heapTies[parent]))) {
      this.siftUp(pos, time, tie, slot);
    } else {
      this.siftDown(pos, time, tie, slot);
    }
  }

  /** Places (time, tie, slot) at `pos` or above, moving larger parents down. */
  private siftUp(pos: number, time: number, tie: number, slot: number): void {
    if (pos >= this.heapTimes.length) this.growHeap();
    const times = this.heapTimes;
    const ties = this.heapTies;
    const slots = this.heapSlots;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && ties[parent] < tie)) break;
      times[pos] = parentTime;
      ties[pos] = ties[parent];
      const parentSlot = slots[parent];
      slots[pos] = parentSlot;
      this.positions[parentSlot] = pos;
      pos = parent;
    }
    times[pos] = time;
    ties[pos] = tie;
    slots[pos] = slot;
    this.positions[slot] = pos;
  }

  /** Places (time, tie, slot) at `pos` or below, moving smaller children up. */
  private siftDown(pos: number, time: number, tie: number, slot: number): void {
    const times = this.heapTimes;
    const ties = this.heapTies;
    const slots = this.heapSlots;
    const n = this.count;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= n) break;
      // the smallest of up to four children
      let child = first;
      let childTime = times[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const t = times[c];
        if (t < childTime || (t === childTime && ties[c] < ties[child])) {
          child = c;
          childTime = t;
        }
      }
      if (time < childTime || (time === childTime && tie < ties[child])) break;
      times[pos] = childTime;
      ties[pos] = ties[child];
      const childSlot = slots[child];
      slots[pos] = childSlot;
      this.positions[childSlot] = pos;
      pos = child;
    }
    times[pos] = time;
    ties[pos] = tie;
    slots[pos] = slot;
    this.positions[slot] = pos;
  }

  private growHeap(): void {
    const capacity = this.heapTimes.length * 2;
    this.heapTimes = growFloat(this.heapTimes, capacity);
    this.heapTies = growFloat(this.heapTies, capacity);
    this.heapSlots = growInt(this.heapSlots, capacity, 0);
  }

  private growSlots(): void {
    const capacity = this.positions.length * 2;
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
