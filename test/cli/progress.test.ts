/** The progress bar: only on a terminal, only after a second, and cleared at the end. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeTerminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & { isTTY: boolean; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 160;
  (stream as unknown as { cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean }).cursorTo = () => true;
  (stream as unknown as { clearLine: () => boolean }).clearLine = () => true;
  (stream as unknown as { moveCursor: () => boolean }).moveCursor = () => true;
  return { stream, text: () => written };
}

describe('createProgress', () => {
  it('is off when the stream is not a terminal, or when disabled (--quiet, --json)', () => {
    expect(createProgress(fakeTerminal(false).stream, { enabled: true, label: 'x' })).toBeNull();
    expect(createProgress(fakeTerminal(true).stream, { enabled: false, label: 'x' })).toBeNull();
  });

  it('shows nothing for the first second, then simulated time, requests per second of wall time and the ETA', () => {
    let clock = 0;
    const { stream, text } = fakeTerminal(true);
    const progress = createProgress(stream, { enabled: true, label: 'storm', now: () => clock })!;
    clock = 500;
    progress.listener(10_000, 300_000, 7_000);
    expect(text()).toBe('');
    clock = 2_000;
    progress.listener(60_000, 300_000, 42_000);
    progress.stop(); // renders the last state, then clears the line
    expect(text()).toContain('storm');
    expect(text()).toContain('60 of 300 s simulated');
    expect(text()).toContain('21,000 requests/s');
    expect(text()).toMatch(/20%/);
  });
});
