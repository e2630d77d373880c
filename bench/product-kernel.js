/**
 * The same M/M/c model as reference-kernel.js, written as a component of the
 * product would be: the engine's Simulator and named RandomStreams, the
 * exponential Distribution and a RingQueue of waiting customers.
 */
import { Simulator } from '../dist/engine/simulator.js';
import { RandomStreams } from '../dist/engine/random.js';
import { createDistribution } from '../dist/model/shared/distribution.js';
import { RingQueue } from '../dist/model/shared/ring-queue.js';

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
