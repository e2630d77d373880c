/**
 * A 4-ary min-heap of event slots keyed by (time, tie), for EventQueue: the
 * events its calendar does not hold (see event-queue.ts), and all of them
 * while the queue is small.
 *
 * The queue keeps each slot's key; the heap copies it in heap order, next
 * to its neighbours', so every comparison reads adjacent memory; four
 * children per node halve the levels of a binary heap, and they sit side
 * by side. Each slot knows its heap position, so an event is removed at once
 * (time-outs that almost never fire do not pile up). Keys are unique (the tie
 * holds a sequence number), so the heap's shape never changes which event
 * comes out first.
 */
export class SlotHeap {
  private times: Float64Array;
  private ties: Float64Array;
  private slots: Int32Array;
  /** Per slot: its heap position, meaningful only while it is in the heap. */
  private positions: Int32Array;
  private count = 0;
  /**
   * The root was taken (by `takeRoot`) but is still in the arrays. Most
   * events schedule another (the next arrival, the end of a service), so the
   * next insert takes the root's place and sifts down once, instead of a
   * sift-down to delete the root and a sift-up to insert: one heap pass per
   * event instead of two.
   * Anything else settles first.
   */
  private rootTaken = false;

  constructor(initialCapacity: number) {
    this.times = new Float64Array(initialCapacity);
    this.ties = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
    this.positions = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.rootTaken ? this.count - 1 : this.count;
  }

  /** The slot with the smallest key, or -1 when empty. */
  minSlot(): number {
    if (this.rootTaken) this.settle();
    return this.count === 0 ? -1 : this.slots[0];
  }

  /** Removes the root (`minSlot()`), lazily: the next insert may take its place. */
  takeRoot(): void {
    this.rootTaken = true;
  }

  /** Makes room for slot numbers below `capacity`. */
  reserveSlots(capacity: number): void {
    if (capacity > this.positions.length) this.positions = grownInts(this.positions, capacity);
  }

  /** Adds a slot with its key (the queue keeps a copy). */
  insert(slot: number, time: number, tie: number): void {
    if (this.rootTaken) {
      this.rootTaken = false;
      this.siftDown(0, time, tie, slot);
    } else {
      this.siftUp(this.count++, time, tie, slot);
    }
  }

  /** Removes a slot that is in the heap. */
  remove(slot: number): void {
    if (this.rootTaken) this.settle();
    this.deleteAt(this.positions[slot]);
  }

  clear(): void {
    this.count = 0;
    this.rootTaken = false;
  }

  private settle(): void {
    this.rootTaken = false;
    this.deleteAt(0);
  }

  /** Removes heap entry `pos` by moving the last entry into its place. */
  private deleteAt(pos: number): void {
    const last = --this.count;
    if (pos === last) return;
    const time = this.times[last];
    const tie = this.ties[last];
    const slot = this.slots[last];
    const parent = (pos - 1) >> 2;
    if (pos > 0 && (time < this.times[parent] || (time === this.times[parent] && tie < this.ties[parent]))) {
      this.siftUp(pos, time, tie, slot);
    } else {
      this.siftDown(pos, time, tie, slot);
    }
  }

  /** Places (time, tie, slot) at `pos` or above, moving larger parents down. */
  private siftUp(pos: number, time: number, tie: number, slot: number): void {
    if (pos >= this.times.length) this.grow();
    const times = this.times;
    const ties = this.ties;
    const slots = this.slots;
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
    const times = this.times;
    const ties = this.ties;
    const slots = this.slots;
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

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = grownFloats(this.times, capacity);
    this.ties = grownFloats(this.ties, capacity);
    this.slots = grownInts(this.slots, capacity);
  }
}

/** A copy of `source` with room for `capacity` numbers (the new ones 0). */
export function grownFloats(source: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(source);
  return next;
}

export function grownInts(source: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(source);
  return next;
}
