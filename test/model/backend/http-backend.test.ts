import { describe, expect, it } from 'vitest';
import { HttpBackend, type HttpBackendOptions } from '../../../src/model/backend/http-backend.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { componentContract, driveComponent } from '../../contract/component-contract.js';

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
});

describe('HttpBackend behaviour', () => {
  it('serves in arrival order (FIFO) with one server', () => {
    const run = driveComponent({ create: make({ servers: 1, queueCapacity: Infinity }), attempts: 500, meanGapMs: 8 }, 1);
    const order = run.trace.map(([, id]) => id);
    expect(order).toEqual([...order].sort((a, b) => a - b));
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
