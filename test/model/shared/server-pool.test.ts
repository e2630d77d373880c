/**
 * The server pool's contract, run for every queue discipline by name: c
 * servers are never exceeded (nor, during a capacity cut, is work started
 * beyond the servers left); the line is served in the discipline's order; a
 * full line turns work away and keeps none of it; and every admitted piece
 * of work is served or turned away exactly once (conservation). The owner's
 * part (service times, completions, dropping) is played by a small driver on
 * the kernel, as a back end plays it.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulator } from '../../../src/engine/simulator.js';
import type { Attempt, ReplyTarget } from '../../../src/model/component.js';
import { ServerPool } from '../../../src/model/shared/server-pool.js';
import { QUEUE_DISCIPLINES, type QueueDiscipline } from '../../../src/model/shared/waiting-line.js';

/** What each discipline takes next from the waiting work, oldest first. */
const REFERENCE_TAKE: Record<QueueDiscipline, (waiting: number[]) => number | undefined> = {
  fifo: (waiting) => waiting.shift(),
  lifo: (waiting) => waiting.pop(),
};

interface Drive {
  servers: number;
  queueCapacity: number;
  jobs: number;
  meanGapMs: number;
  meanServiceMs: number;
  /** From this time on only this fraction of the servers may work (none: no cut). */
  cut?: { fromMs: number; untilMs: number; fraction: number };
  /** Work taken from the line with an id divisible by this is turned away instead of served (0: none). */
  dropEvery?: number;
  seed?: number;
}

const NOBODY: ReplyTarget = { onReply() {} };
const job = (id: number) => ({ request: { id }, counted: id % 2 === 0 }) as unknown as Attempt;

/** Drives a pool with Poisson arrivals and exponential services; returns what happened and every broken rule. */
function drive(discipline: QueueDiscipline, d: Drive) {
  const sim = new Simulator();
  const streams = new RandomStreams(d.seed ?? 1);
  const arrivals = streams.get('arrivals');
  const service = streams.get('service');
  const pool = new ServerPool({ servers: d.servers, queueCapacity: d.queueCapacity, discipline });
  const violations: string[] = [];
  const waiting: number[] = []; // the reference line, oldest first
  const admitted = new Set<number>();
  const rejected = new Set<number>();
  const fates = new Map<number, number>(); // id -> times served or turned away
  const startOrder: number[] = [];
  let usable = d.servers;
  let inService = 0;
  let highest = 0; // most busy at once since the last peak sample
  let peaksChecked = 0;

  const check = (where: string) => {
    if (pool.busy !== inService) violations.push(`${where}: busy ${pool.busy}, in service ${inService}`);
    if (pool.busy > d.servers) violations.push(`${where}: ${pool.busy} busy of ${d.servers}`);
    if (pool.waiting > d.queueCapacity) violations.push(`${where}: ${pool.waiting} waiting, capacity ${d.queueCapacity}`);
    if (pool.waiting !== waiting.length) violations.push(`${where}: ${pool.waiting} waiting, reference ${waiting.length}`);
  };
  const fate = (id: number) => fates.set(id, (fates.get(id) ?? 0) + 1);
  const serve = (id: number) => {
    if (pool.busy >= usable) violations.push(`t=${sim.now}: started ${id} with ${pool.busy} busy of ${usable} usable`);
    pool.occupy();
    inService++;
    highest = Math.max(highest, inService);
    startOrder.push(id);
    sim.schedule(-d.meanServiceMs * Math.log(1 - service.next()), complete, id);
  };
  const startWaiting = () => {
    while (pool.next()) {
      const id = (pool.line.takenAttempt as Attempt).request.id;
      const expected = REFERENCE_TAKE[discipline](waiting);
      if (id !== expected) violations.push(`t=${sim.now}: took ${id}, ${discipline} takes ${expected}`);
      if (pool.line.takenCounted !== (id % 2 === 0)) violations.push(`t=${sim.now}: ${id}'s counted flag lost`);
      if (d.dropEvery && id % d.dropEvery === 0) fate(id);
      else serve(id);
    }
  };
  const complete = (id: number) => {
    pool.release();
    inService--;
    fate(id);
    startWaiting();
    check(`t=${sim.now} after ${id} completed`);
  };
  const arrive = (id: number) => {
    const admission = pool.admit(job(id), NOBODY, sim.now);
    if (admission === 'full') rejected.add(id);
    else admitted.add(id);
    if (admission === 'start') serve(id);
    if (admission === 'wait') waiting.push(id);
    if (admission === 'full' && pool.waiting < d.queueCapacity) violations.push(`t=${sim.now}: ${id} turned away with ${pool.waiting} of ${d.queueCapacity} waiting`);
    if (admission === 'wait' && pool.busy < usable && pool.waiting === 1) violations.push(`t=${sim.now}: ${id} waits with a server free`);
    check(`t=${sim.now} after ${id} arrived`);
    if (id + 1 < d.jobs) sim.schedule(-d.meanGapMs * Math.log(1 - arrivals.next()), arrive, id + 1);
  };
  const samplePeaks = () => {
    if (pool.peakBusy() !== highest) violations.push(`t=${sim.now}: peak busy ${highest}, pool says otherwise`);
    highest = inService;
    peaksChecked++;
    if (admitted.size + rejected.size < d.jobs || inService > 0 || pool.waiting > 0) sim.schedule(97, samplePeaks, null);
  };
  if (d.cut) {
    const cut = d.cut;
    sim.scheduleAt(cut.fromMs, () => {
      pool.setCapacity(cut.fraction);
      usable = Math.floor(d.servers * cut.fraction);
    }, null);
    sim.scheduleAt(cut.untilMs, () => {
      pool.setCapacity(1);
      usable = d.servers;
      startWaiting();
    }, null);
  }
  sim.schedule(0, arrive, 0);
  sim.schedule(0, samplePeaks, null);
  sim.run();
  return { pool, violations, admitted, rejected, fates, startOrder, peaksChecked };
}

describe.each(Object.keys(QUEUE_DISCIPLINES) as QueueDiscipline[])('ServerPool contract, %s', (discipline) => {
  const cases: Array<[string, Drive]> = [
    ['overloaded, short line: servers never exceeded, full line turns work away', { servers: 3, queueCapacity: 5, jobs: 4_000, meanGapMs: 2, meanServiceMs: 8 }],
    ['one server, unbounded line', { servers: 1, queueCapacity: Infinity, jobs: 2_000, meanGapMs: 5, meanServiceMs: 4.5 }],
    ['no line at all (a loss system)', { servers: 4, queueCapacity: 0, jobs: 3_000, meanGapMs: 1, meanServiceMs: 5 }],
    ['a capacity cut to a third, then back', { servers: 9, queueCapacity: 200, jobs: 5_000, meanGapMs: 1, meanServiceMs: 8, cut: { fromMs: 1_000, untilMs: 2_500, fraction: 0.34 } }],
    ['work turned away as it leaves the line', { servers: 2, queueCapacity: 50, jobs: 3_000, meanGapMs: 2, meanServiceMs: 5, dropEvery: 3 }],
  ];

  it.each(cases)('%s', (_, d) => {
    const run = drive(discipline, d);
    expect(run.violations.slice(0, 5)).toEqual([]);
    // conservation: every piece of work was admitted or turned away, and every admitted one met exactly one fate
    expect(run.admitted.size + run.rejected.size).toBe(d.jobs);
    expect([...run.admitted].filter((id) => run.fates.get(id) !== 1)).toEqual([]);
    expect([...run.rejected].filter((id) => run.fates.has(id))).toEqual([]);
    expect([run.pool.busy, run.pool.waiting]).toEqual([0, 0]);
    expect(run.peaksChecked).toBeGreaterThan(10);
  });

  it('a full line is what turns work away: with room enough nothing is', () => {
    const bounded = drive(discipline, { servers: 3, queueCapacity: 5, jobs: 4_000, meanGapMs: 2, meanServiceMs: 8 });
    expect(bounded.rejected.size).toBeGreaterThan(100);
    const roomy = drive(discipline, { servers: 3, queueCapacity: 4_000, jobs: 4_000, meanGapMs: 2, meanServiceMs: 8 });
    expect(roomy.rejected.size).toBe(0);
  });

  it('servers are all used: under overload c are busy at once, never c + 1', () => {
    const run = drive(discipline, { servers: 6, queueCapacity: Infinity, jobs: 2_000, meanGapMs: 1, meanServiceMs: 10 });
    expect(run.violations).toEqual([]);
    // peakBusy was checked against the driver at every sample; here the highest level is c
    const pool = new ServerPool({ servers: 2, queueCapacity: 1, discipline });
    expect([pool.admit(job(0), NOBODY, 0), pool.occupy(), pool.admit(job(1), NOBODY, 0), pool.occupy()]).toEqual(['start', undefined, 'start', undefined]);
    expect([pool.admit(job(2), NOBODY, 0), pool.admit(job(3), NOBODY, 0)]).toEqual(['wait', 'full']);
    expect([pool.peakBusy(), pool.peakWaiting(), pool.next()]).toEqual([2, 1, false]);
    pool.release();
    expect([pool.next(), pool.line.takenAttempt?.request.id, pool.waiting]).toEqual([true, 2, 0]);
  });
});

describe('ServerPool', () => {
  it('a capacity cut rounds the servers left down and lets work in service finish', () => {
    const pool = new ServerPool({ servers: 5, queueCapacity: Infinity, discipline: 'fifo' });
    for (let i = 0; i < 5; i++) pool.occupy();
    pool.setCapacity(0.5); // 2 servers left, 5 busy
    for (let i = 0; i < 4; i++) expect(pool.admit(job(i), NOBODY, i)).toBe('wait');
    pool.release();
    pool.release();
    pool.release(); // 2 busy of 2
    expect(pool.next()).toBe(false);
    pool.release(); // 1 busy of 2
    expect(pool.next()).toBe(true);
    pool.occupy();
    expect(pool.next()).toBe(false);
    pool.setCapacity(1);
    expect([pool.next(), pool.line.takenAttempt?.request.id]).toEqual([true, 1]);
  });

  it('peaks remember the highest level between two looks, then start from the level of the moment', () => {
    const pool = new ServerPool({ servers: Infinity, queueCapacity: 0, discipline: 'fifo' });
    for (let i = 0; i < 7; i++) pool.occupy();
    for (let i = 0; i < 4; i++) pool.release();
    expect([pool.busy, pool.peakBusy(), pool.peakBusy()]).toEqual([3, 7, 3]);
  });

  it('refuses a negative size', () => {
    expect(() => new ServerPool({ servers: -1, queueCapacity: 0, discipline: 'fifo' })).toThrow(RangeError);
    expect(() => new ServerPool({ servers: 1, queueCapacity: Number.NaN, discipline: 'fifo' })).toThrow(RangeError);
  });
});
