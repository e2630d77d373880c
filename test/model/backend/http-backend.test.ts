import { describe, expect, it } from 'vitest';
import { HttpBackend, type HttpBackendOptions } from '../../../src/model/backend/http-backend.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { STAGE_QUEUE, type Attempt } from '../../../src/model/component.js';
import { clientHasOutcome, newAttempt } from '../../../src/model/attempt-lifecycle.js';
import { componentContract, driveComponent, newRequest, startComponent } from '../../contract/component-contract.js';

const base: HttpBackendOptions = {
  servers: 2,
  queueCapacity: 5,
  discipline: 'fifo',
  service: createDistribution({ kind: 'exponential', mean: 10 }),
  rejectStatus: 503,
  errorRate: 0,
  slowdown: null,
  dropExpired: false,
};
const make = (overrides: Partial<HttpBackendOptions> = {}) => () => new HttpBackend('svc', { ...base, ...overrides });

describe('HttpBackend contract', () => {
  componentContract('bounded queue under overload', { create: make(), attempts: 3_000, meanGapMs: 3 });
  componentContract('unbounded queue', { create: make({ queueCapacity: Infinity }), attempts: 2_000, meanGapMs: 6 });
  componentContract('a backlog at the start', { create: make({ queuedAtStart: 5 }), attempts: 2_000, meanGapMs: 6 });
});

describe('HttpBackend behaviour', () => {
  it('serves in arrival order (FIFO) with one server', () => {
    const run = driveComponent({ create: make({ servers: 1, queueCapacity: Infinity }), attempts: 500, meanGapMs: 8 }, 1);
    const order = run.trace.map(([, id]) => id);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('with LIFO and one server serves the newest waiting request first', () => {
    // 4 requests 1 ms apart: the first is served at once, the other three wait and go newest first
    const run = driveComponent({ create: make({ servers: 1, queueCapacity: Infinity, discipline: 'lifo', service: createDistribution({ kind: 'constant', value: 10 }) }), attempts: 4, meanGapMs: 1, evenly: true }, 1);
    expect(run.trace.map(([, id]) => id)).toEqual([0, 3, 2, 1]);
  });

  it('gives each attempt whose client still waits its time in the queue, and an attempt whose client left none', () => {
    // one server of 10 ms, three attempts at t=0: they wait 0, 10 and 20 ms; the third's client leaves at 15 ms
    const { sim, component } = startComponent(new HttpBackend('svc', { ...base, servers: 1, queueCapacity: Infinity, service: createDistribution({ kind: 'constant', value: 10 }) }), 1);
    const replies: Array<[number, number, number]> = [];
    const replyTo = { onReply: (a: Attempt) => replies.push([a.request.id, a.queueMs, a.stagesWritten & STAGE_QUEUE]) };
    const attempts = [0, 1, 2].map((i) => newAttempt(newRequest(i, 0), 1, 0));
    for (const a of attempts) component.receive(a, replyTo);
    sim.scheduleAt(15, (a: Attempt) => clientHasOutcome(a), attempts[2]);
    sim.run();
    expect(replies).toEqual([
      [0, 0, STAGE_QUEUE],
      [1, 10, STAGE_QUEUE],
      [2, -0, 0], // nobody reads the stages of an attempt whose client left: its time stays unwritten (-0, as made)
    ]);
  });

  it('rejects with the configured status when the queue is full, and only then', () => {
    const run = driveComponent({ create: make({ rejectStatus: 429 }), attempts: 3_000, meanGapMs: 2 }, 2);
    const rejected = run.trace.filter(([, , status]) => status === 429);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every(([, , , cause]) => cause === 'backend-full')).toBe(true);
    expect(run.usage.rejected).toBe(rejected.length);
    expect(run.usage.served + run.usage.rejected).toBe(3_000);
    expect(run.usage.peakQueue).toBe(5);
  });

  it('never rejects with an unbounded queue', () => {
    const run = driveComponent({ create: make({ queueCapacity: Infinity }), attempts: 2_000, meanGapMs: 2 }, 3);
    expect(run.usage.rejected).toBe(0);
  });
});

/** When the queue first stood empty (probed every ms) and the service's usage once everything finished. */
function drain(backend: HttpBackend): { queueEmptyAtMs: number; usage: Record<string, number> } {
  const { sim } = startComponent(backend, 21);
  let queueEmptyAtMs = NaN;
  const probe = () => {
    if (backend.gauges()['svc.queue'] === 0) queueEmptyAtMs = sim.now;
    else sim.schedule(1, probe, null);
  };
  sim.schedule(0, probe, null);
  sim.run({ untilMs: 1e9 });
  return { queueEmptyAtMs, usage: { ...backend.usage() } };
}

describe('HttpBackend backlog at the start', () => {
  it('starts with every server busy and the backlog queued', () => {
    const { component } = startComponent(make({ servers: 3, queueCapacity: 50, queuedAtStart: 40 })(), 1);
    expect(component.gauges()).toEqual({ 'svc.busy': 3, 'svc.queue': 40 });
  });

  it('drains Q queued with c servers of mean service S in Q·S/c (Gamma(Q, c/S): within 4 sd)', () => {
    // every server stays busy until the queue is empty, so the queue loses one request per departure,
    // and departures of c busy exponential servers are a Poisson stream of rate c/S
    const [queued, servers, meanMs] = [2_000, 10, 50];
    const { queueEmptyAtMs, usage } = drain(make({ servers, queueCapacity: Infinity, service: createDistribution({ kind: 'exponential', mean: meanMs }), queuedAtStart: queued })());
    const expectedMs = (queued * meanMs) / servers;
    const sdMs = (Math.sqrt(queued) * meanMs) / servers;
    expect(Math.abs(queueEmptyAtMs - expectedMs)).toBeLessThan(4 * sdMs);
    // the backlog is nobody's request: counted apart, in full
    expect(usage.backlogServed).toBe(queued + servers);
    expect(usage.served).toBe(0);
    expect(usage.waited).toBe(0);
  });

  it('refuses a backlog longer than its queue', () => {
    expect(() => make({ queueCapacity: 5, queuedAtStart: 6 })()).toThrow(/does not fit a queue of 5/);
  });
});
