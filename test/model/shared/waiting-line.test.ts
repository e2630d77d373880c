/** The server pool's parallel-ring line against an array of records, for every queue discipline by name. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attempt, ReplyTarget } from '../../../src/model/component.js';
import { createWaitingLine, QUEUE_DISCIPLINES, type QueueDiscipline } from '../../../src/model/shared/waiting-line.js';

const attempt = (n: number) => ({ number: n, counted: n % 3 !== 0 }) as unknown as Attempt; // no request: the line must not read it
const target = (n: number) => ({ onReply: () => n }) as unknown as ReplyTarget;

/** What each discipline takes from an array of waiting entries, oldest first. */
const REFERENCE_TAKE: Record<QueueDiscipline, <T>(waiting: T[]) => T | undefined> = {
  fifo: (waiting) => waiting.shift(),
  lifo: (waiting) => waiting.pop(),
};

describe.each(Object.keys(QUEUE_DISCIPLINES) as QueueDiscipline[])('WaitingLine %s', (discipline) => {
  it('property: take matches the discipline on an array, all parts kept together, across growth and wrap-around', () => {
    const op = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant('take' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
        const line = createWaitingLine(discipline, 2);
        const model: Array<{ attempt: Attempt; replyTo: ReplyTarget; joinedMs: number }> = [];
        for (const o of ops) {
          if (o === 'take') {
            const expected = REFERENCE_TAKE[discipline](model);
            expect(line.take()).toBe(expected !== undefined);
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

  it('forgets what it handed out (a finished attempt is not kept alive by the line)', () => {
    const line = createWaitingLine(discipline, 4);
    line.push(attempt(1), target(1), 0);
    line.take();
    expect((line as unknown as { attempts: unknown[] }).attempts.every((a) => a === undefined)).toBe(true);
  });
});

describe('queue disciplines by name', () => {
  it('every discipline has a reference model in this test', () => {
    expect(Object.keys(REFERENCE_TAKE).sort()).toEqual(Object.keys(QUEUE_DISCIPLINES).sort());
  });

  it('an unknown name is refused with the known ones, and no inherited property passes for a discipline', () => {
    expect(() => createWaitingLine('random' as QueueDiscipline)).toThrow(/unknown queue discipline random \(known: fifo, lifo\)/);
    expect(() => createWaitingLine('toString' as QueueDiscipline)).toThrow(/unknown queue discipline/);
  });
});
