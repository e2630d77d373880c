/**
 * The reference the product kernel is measured against: M/M/c with a
 * hand-written binary heap on typed arrays and no abstractions at all. Same
 * generator (seedrandom's Alea) and the same model as product-kernel.js.
 * Events: one arrival and one departure per customer.
 */
import seedrandom from 'seedrandom';

export function runReferenceMmc({ customers, servers, lambdaPerMs, muPerMs, seed }) {
  const capacity = customers + servers + 16;
  const times = new Float64Array(capacity);
  const seqs = new Float64Array(capacity);
  const kinds = new Uint8Array(capacity); // 0 arrival, 1 departure
  let size = 0;
  let seq = 0;

  const push = (time, kind) => {
    let i = size++;
    const s = seq++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] < time || (times[parent] === time && seqs[parent] < s)) break;
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      kinds[i] = kinds[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = s;
    kinds[i] = kind;
  };
  const popInto = (out) => {
    out.time = times[0];
    out.kind = kinds[0];
    const t = times[--size];
    const s = seqs[size];
    const k = kinds[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && (times[child + 1] < times[child] || (times[child + 1] === times[child] && seqs[child + 1] < seqs[child]))) child++;
      if (t < times[child] || (t === times[child] && s < seqs[child])) break;
      times[i] = times[child];
      seqs[i] = seqs[child];
      kinds[i] = kinds[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    kinds[i] = k;
  };

  const arrivals = seedrandom.alea(`${seed}/arrivals`);
  const service = seedrandom.alea(`${seed}/service`);
  const queued = new Float64Array(customers); // arrival times, FIFO
  let head = 0;
  let tail = 0;
  let busy = 0;
  let arrived = 0;
  let events = 0;
  let waitTotal = 0;
  const event = { time: 0, kind: 0 };

  push(-Math.log(1 - arrivals()) / lambdaPerMs, 0);
  while (size > 0) {
    popInto(event);
    events++;
    const now = event.time;
    if (event.kind === 0) {
      arrived++;
      if (arrived < customers) push(now - Math.log(1 - arrivals()) / lambdaPerMs, 0);
      if (busy < servers) {
        busy++;
        push(now - Math.log(1 - service()) / muPerMs, 1);
      } else {
        queued[tail++] = now;
      }
    } else if (head < tail) {
      waitTotal += now - queued[head++];
      push(now - Math.log(1 - service()) / muPerMs, 1);
    } else {
      busy--;
    }
  }
  return { events, meanWaitMs: waitTotal / customers };
}
