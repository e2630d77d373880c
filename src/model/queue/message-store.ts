/**
 * The visible messages of an SQS queue, in the order a receive takes them:
 * a standard queue's (best-effort order: messages that came back after a
 * visibility timeout first, then the rest oldest first) and a FIFO queue's
 * (per message group, in the order sent; a group with a message in flight
 * gives none until that message is deleted or visible again, so one
 * failing message holds its whole group).
 *
 * ASSUMPTION (standard): AWS promises no order; returned messages are taken
 * before new ones, as a consumer catching up would see them.
 */

/** One message in the queue (or in flight), from SendMessage to its deletion, redrive or expiry. */
export interface QueueMessage {
  /** Sent in order: a FIFO group's messages are delivered in this order. */
  readonly seq: number;
  readonly sentMs: number;
  /** Its delivery delay counts from here: the send, or the publication of the event an event bus sent it for. */
  readonly originMs: number;
  /** Sent for a request of the measurement window: counted in the figures. */
  readonly counted: boolean;
  readonly bytes: number;
  /** FIFO message group (0 for a standard queue). */
  readonly group: number;
  /** ReceiveMessage calls that returned it so far. */
  receiveCount: number;
  /** Processed once already (a later success is a duplicate). */
  processed: boolean;
}

export interface MessageStore {
  /** Messages a receive could take now (FIFO: also those behind a message in flight). */
  readonly visible: number;
  /** A sent message, or one back from a visibility timeout (`returned`). */
  add(message: QueueMessage, returned: boolean): void;
  /**
   * Takes up to `maxCount` messages and `maxBytes` (at least one message if
   * any is available) for one batch; a message sent before `expiredBeforeMs`
   * is past its retention and goes to `onExpired` instead.
   */
  take(maxCount: number, maxBytes: number, expiredBeforeMs: number, onExpired: (m: QueueMessage) => void): QueueMessage[];
  /** A batch's messages are deleted or visible again: their FIFO groups may give messages again. */
  release(messages: readonly QueueMessage[]): void;
  /** The oldest visible message's send time (Infinity: none). */
  oldestSentMs(): number;
  /** Whether a receive would return a message now (FIFO: a group not held by a batch has one). */
  available(): boolean;
  /** Messages sent before `expiredBeforeMs` that no receive has met yet leave through `onExpired`. */
  dropExpired(expiredBeforeMs: number, onExpired: (m: QueueMessage) => void): void;
}

/** A queue of messages with a moving head (no shifting of the array). */
class MessageLine {
  private items: QueueMessage[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(m: QueueMessage): void {
    this.items.push(m);
  }

  unshift(m: QueueMessage): void {
    if (this.head > 0) this.items[--this.head] = m;
    else this.items.unshift(m);
  }

  peek(): QueueMessage | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift(): QueueMessage | undefined {
    if (this.head >= this.items.length) return undefined;
    const m = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return m;
  }

  /** Oldest send time of all its messages. */
  minSentMs(): number {
    let min = Infinity;
    for (let i = this.head; i < this.items.length; i++) min = Math.min(min, this.items[i].sentMs);
    return min;
  }

  /** Removes the messages sent before `beforeMs` (every one, not only at the head), each through `gone`; returns how many. */
  removeSentBefore(beforeMs: number, gone: (m: QueueMessage) => void): number {
    let kept = this.head;
    let removed = 0;
    for (let i = this.head; i < this.items.length; i++) {
      const m = this.items[i];
      if (m.sentMs < beforeMs) {
        removed++;
        gone(m);
      } else this.items[kept++] = m;
    }
    this.items.length = kept;
    return removed;
  }

  /** Puts `m` back among messages in send order (a returned FIFO message goes before its group's later ones). */
  insertInOrder(m: QueueMessage): void {
    let i = this.head;
    while (i < this.items.length && this.items[i].seq < m.seq) i++;
    if (i === this.head) this.unshift(m);
    else this.items.splice(i, 0, m);
  }
}

export class StandardStore implements MessageStore {
  private readonly fresh = new MessageLine();
  private readonly returned = new MessageLine();

  get visible(): number {
    return this.fresh.length + this.returned.length;
  }

  add(message: QueueMessage, returned: boolean): void {
    (returned ? this.returned : this.fresh).push(message);
  }

  take(maxCount: number, maxBytes: number, expiredBeforeMs: number, onExpired: (m: QueueMessage) => void): QueueMessage[] {
    const batch: QueueMessage[] = [];
    let bytes = 0;
    for (const line of [this.returned, this.fresh]) {
      for (let m = line.peek(); m !== undefined && batch.length < maxCount; m = line.peek()) {
        if (m.sentMs < expiredBeforeMs) {
          line.shift();
          onExpired(m);
          continue;
        }
        if (batch.length > 0 && bytes + m.bytes > maxBytes) return batch;
        line.shift();
        batch.push(m);
        bytes += m.bytes;
      }
    }
    return batch;
  }

  release(): void {}

  available(): boolean {
    return this.visible > 0;
  }

  dropExpired(expiredBeforeMs: number, onExpired: (m: QueueMessage) => void): void {
    // fresh messages are in send order: only its head can have expired first
    for (let m = this.fresh.peek(); m !== undefined && m.sentMs < expiredBeforeMs; m = this.fresh.peek()) onExpired(this.fresh.shift() as QueueMessage);
    this.returned.removeSentBefore(expiredBeforeMs, onExpired);
  }

  oldestSentMs(): number {
    // fresh messages are in send order: its head is its oldest
    return Math.min(this.fresh.peek()?.sentMs ?? Infinity, this.returned.minSentMs());
  }
}

/**
 * FIFO: a line per message group, and the groups that can give a message
 * now (unlocked, not empty) in the order they became ready.
 */
export class FifoStore implements MessageStore {
  private readonly groups = new Map<number, MessageLine>();
  private readonly locked = new Set<number>();
  private readonly ready: number[] = [];
  private readyHead = 0;
  private readonly isReady = new Set<number>();
  private count = 0;

  get visible(): number {
    return this.count;
  }

  add(message: QueueMessage, returned: boolean): void {
    let line = this.groups.get(message.group);
    if (!line) this.groups.set(message.group, (line = new MessageLine()));
    if (returned) line.insertInOrder(message);
    else line.push(message);
    this.count++;
    this.markReady(message.group);
  }

  take(maxCount: number, maxBytes: number, expiredBeforeMs: number, onExpired: (m: QueueMessage) => void): QueueMessage[] {
    const batch: QueueMessage[] = [];
    let bytes = 0;
    let full = false;
    while (!full && batch.length < maxCount && this.readyHead < this.ready.length) {
      const group = this.ready[this.readyHead];
      const line = this.groups.get(group) as MessageLine;
      let took = 0;
      for (let m = line.peek(); m !== undefined && batch.length < maxCount; m = line.peek()) {
        line.shift();
        this.count--;
        if (m.sentMs < expiredBeforeMs) {
          onExpired(m);
          continue;
        }
        if (batch.length > 0 && bytes + m.bytes > maxBytes) {
          line.unshift(m); // the batch is full: it stays first in its group
          this.count++;
          full = true;
          break;
        }
        batch.push(m);
        bytes += m.bytes;
        took++;
      }
      // the group leaves the ready line: locked by this batch, or empty
      if (took > 0) this.locked.add(group);
      if (took > 0 || line.length === 0) {
        this.readyHead++;
        this.isReady.delete(group);
      }
    }
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready.splice(0, this.readyHead);
      this.readyHead = 0;
    }
    return batch;
  }

  release(messages: readonly QueueMessage[]): void {
    for (const m of messages) {
      if (!this.locked.delete(m.group)) continue;
      this.markReady(m.group);
    }
  }

  available(): boolean {
    return this.readyHead < this.ready.length;
  }

  dropExpired(expiredBeforeMs: number, onExpired: (m: QueueMessage) => void): void {
    for (const line of this.groups.values()) this.count -= line.removeSentBefore(expiredBeforeMs, onExpired);
    // a ready group left empty is skipped by the next take
  }

  oldestSentMs(): number {
    let min = Infinity;
    for (const line of this.groups.values()) min = Math.min(min, line.peek()?.sentMs ?? Infinity);
    return min;
  }

  private markReady(group: number): void {
    if (this.locked.has(group) || this.isReady.has(group)) return;
    const line = this.groups.get(group);
    if (!line || line.length === 0) return;
    this.isReady.add(group);
    this.ready.push(group);
  }
}
