/** The backend's parallel-ring queue against an array of records, and the LIFO discipline through the backend. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attempt, ReplyTarget } from '../../../src/model/component.js';
import { HttpBackend } from '../../../src/model/backend/http-backend.js';
import { WaitingLine } from '../../../src/model/backend/waiting-line.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { driveComponent } from '../../contract/component-contract.js';

const attempt = (n: number) => ({ number: n, counted: n % 3 !== 0 }) as unknown as Attempt; // no request: the line must not read it
const target = (n: number) => ({ onReply: () => n }) as unknown as ReplyTarget;

describe('WaitingLine', () => {
  it('property: take is FIFO (or LIFO) against an array, all parts kept together, across growth and wrap-around', () => {
    const op = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant('fifo' as const), fc.constant('lifo' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
        const line = new WaitingLine(2);
        const model: Array<{ attempt: Attempt; replyTo: ReplyTarget; joinedMs: number }> = [];
        for (const o of ops) {
          if (o === 'fifo' || o === 'lifo') {
            const expected = o === 'fifo' ? model.shift() : model.pop();
            expect(line.take(o === 'lifo')).toBe(expected !== undefined);
            if (expected) {
              expect([line.takenAttempt, line.takenReplyTo, line.takenJoinedMs]).toEqual([expected.attempt, expected.replyTo, expected.joinedMs]);
              expect(line.takenCounted).toBe(expected.attempt.counted);
            }
          } else {
            const entry = { attempt: attempt(o), replyTo: target(o), joinedMs: o + 0.5 };
            line.push(entry.attempt, entry.replyTo, entry.joinedMs);
            model.push(entry);
          }
          expect(line.size).toBe(model.length);
        }
      }),
    );
  });

  it('forgets what it handed out (a finished attempt is not kept alive by the queue)', () => {
    const line = new WaitingLine(4);
    line.push(attempt(1), target(1), 0);
    line.take(false);
    expect((line as unknown as { attempts: unknown[] }).attempts.every((a) => a === undefined)).toBe(true);
  });
});

describe('HttpBackend LIFO', () => {
  it('with one server serves the newest waiting request first', () => {
    const backend = () => new HttpBackend('svc', {
      servers: 1,
      queueCapacity: Infinity,
      discipline: 'lifo',
      service: createDistribution({ kind: 'constant', value: 10 }),
      rejectStatus: 503,
      errorRate: 0,
      slowdown: null,
      dropExpired: false,
    });
    // 4 requests 1 ms apart: the first is served at once, the other three wait and go newest first
    const run = driveComponent({ create: backend, attempts: 4, meanGapMs: 1, evenly: true }, 1);
    expect(run.trace.map(([, id]) => id)).toEqual([0, 3, 2, 1]);
  });
});
