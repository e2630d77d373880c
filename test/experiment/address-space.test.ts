/** How many worker threads fit under a cap on address space, read from /proc/self/limits as Linux writes it. */
import { describe, expect, it } from 'vitest';
import { addressSpaceLimit, MAIN_THREAD_BYTES, WORKER_THREAD_BYTES, workersThatFit } from '../../src/experiment/address-space.js';

const limits = (soft: string) => `Limit                     Soft Limit           Hard Limit           Units     \nMax stack size            8388608              unlimited            bytes     \nMax address space         ${soft}           ${soft}           bytes     \nMax file locks            unlimited            unlimited            locks     \n`;

describe('address space', () => {
  it.each([
    ['no cap', limits('unlimited'), Infinity],
    ['ulimit -v 4000000 (KiB)', limits('4096000000'), 4_096_000_000],
    ['a system without /proc/self/limits', null, Infinity],
    ['text it does not know', 'nothing here', Infinity],
  ])('reads %s', (_, text, bytes) => {
    expect(addressSpaceLimit(text)).toBe(bytes);
  });

  it('fits no worker thread where the main thread takes it all, and one more per 0.7 GB after it', () => {
    expect(workersThatFit(Infinity)).toBe(Infinity);
    expect(workersThatFit(1e9)).toBe(0);
    expect(workersThatFit(MAIN_THREAD_BYTES + WORKER_THREAD_BYTES - 1)).toBe(0);
    expect(workersThatFit(MAIN_THREAD_BYTES + WORKER_THREAD_BYTES)).toBe(1);
    // ulimit -v 4000000: 4 threads were measured to fit and 5 not; 3 keep a margin
    expect(workersThatFit(4_096_000_000)).toBe(3);
  });

  it('reads this machine\'s limit', () => {
    expect(addressSpaceLimit()).toBeGreaterThan(0);
  });
});
