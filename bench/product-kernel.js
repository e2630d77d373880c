/**
 * The same M/M/c model as reference-kernel.js, written as a component of the
 * product would be: the engine's Simulator and named RandomStreams, the
 * exponential Distribution, and a growable ring of waiting customers' arrival
 * times (the generic ring the product's model once had, kept here as its
 * only user; the product's back ends now wait in model/shared/server-pool.ts).
 */
import { Simulator } from '../dist/engine/simulator.js';
import { RandomStreams } from '../dist/engine/random.js';
import { createDistribution } from '../dist/model/shared/distribution.js';

/** A FIFO ring buffer that doubles when full: amortised O(1), no Array.prototype.shift. */
class RingQueue {
  constructor(initialCapacity = 64) {
    this.items = new Array(initialCapacity);
    this.head = 0;
    this.size = 0;
  }

  push(item) {
    if (this.size === this.items.length) this.grow();
    this.items[(this.head + this.size) % this.items.length] = item;
    this.size++;
  }

  /** The oldest item, or undefined when empty. */
  shift() {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    return item;
  }

  grow() {
    const next = new Array(this.items.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = this.items[(this.head + i) % this.items.length];
    this.items = next;
    this.head = 0;
  }
}

export function runProductMmc({ customers, servers, lambdaPerMs, muPerMs, seed }) {
  const sim = new Simulator();
  const streams = new RandomStreams(seed);
  const arrivalStream = streams.get('arrivals');
  const serviceStream = streams.get('service');
  const interarrival = createDistribution({ kind: 'exponential', mean: 1 / lambdaPerMs });
  const serviceTime = createDistribution({ kind: 'exponential', mean: 1 / muPerMs });
  const waiting = new RingQueue();
  let busy = 0;
  let arrived = 0;
  let waitTotal = 0;

  const depart = () => {
    const since = waiting.shift();
    if (since === undefined) {
      busy--;
      return;
    }
    waitTotal += sim.now - since;
    sim.schedule(serviceTime.sample(serviceStream), depart, null);
  };
  const arrive = () => {
    arrived++;
    if (arrived < customers) sim.schedule(interarrival.sample(arrivalStream), arrive, null);
    if (busy < servers) {
      busy++;
      sim.schedule(serviceTime.sample(serviceStream), depart, null);
    } else {
      waiting.push(sim.now);
    }
  };
  sim.schedule(interarrival.sample(arrivalStream), arrive, null);
  sim.run();
  return { events: sim.eventsExecuted, meanWaitMs: waitTotal / customers };
}
