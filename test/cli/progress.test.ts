/** The progress bars: only on a terminal (or forced), only after a second, and cleared at the end. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, createRunsProgress } from '../../src/cli/progress.js';
import { runCli } from './run-cli.js';

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

describe('createRunsProgress: one bar over every run of a sweep or of run --replications', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is off off a terminal, with --quiet or --json, under CI, and with APIGW_SIM_PROGRESS=0', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('APIGW_SIM_PROGRESS', '');
    const bar = (isTTY: boolean, flags: { quiet?: boolean; json?: boolean } = {}) => createRunsProgress(fakeTerminal(isTTY).stream, { ...flags, label: 'x', total: 4 });
    expect(bar(true)).not.toBeNull();
    expect(bar(false)).toBeNull();
    expect(bar(true, { quiet: true })).toBeNull();
    expect(bar(true, { json: true })).toBeNull();
    vi.stubEnv('CI', 'true');
    expect(bar(true)).toBeNull();
    vi.stubEnv('CI', '');
    vi.stubEnv('APIGW_SIM_PROGRESS', '0');
    expect(bar(true)).toBeNull();
  });

  it('on a terminal: nothing for the first second, then runs done of all, the main thread\'s run counted as it goes', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('APIGW_SIM_PROGRESS', '');
    let clock = 0;
    const { stream, text } = fakeTerminal(true);
    const progress = createRunsProgress(stream, { label: 'grid sweep', total: 8, now: () => clock })!;
    progress.runDone();
    expect(text()).toBe('');
    clock = 1_500;
    progress.listener(50_000, 100_000, 1_000); // half of the main thread's run
    progress.runDone();
    progress.runDone();
    progress.stop();
    expect(text()).toContain('grid sweep');
    expect(text()).toContain('3 of 8 runs');
    expect(text()).toMatch(/37%/); // 3 of 8
  });

  it('forced (APIGW_SIM_PROGRESS=1) on a stream that is no terminal, even under CI, from the start', () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('APIGW_SIM_PROGRESS', '1');
    const { stream, text } = fakeTerminal(false);
    const progress = createRunsProgress(stream, { label: 'reps', total: 2, now: () => 0 })!;
    progress.runDone();
    progress.runDone();
    progress.stop();
    expect(text()).toContain('2 of 2 runs');
  });
});

describe('the runs bar, as a user runs the CLI', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-progress-'));
  const scenario = join(work, 'small.yaml');
  writeFileSync(scenario, 'name: small\nduration: 20s\nwarmup: 5s\nload: { rate: 50/s }\napi: { type: rest }\nintegration: { type: lambda, duration: { p50: 30ms, p99: 90ms } }\n');
  const sweep = (extra: string[], env: Record<string, string>) =>
    runCli(['sweep', scenario, '--set', 'integration.memory=256MB,1GB', '--replications', '2', '--workers', '1', '--out', join(work, `sweep-${Object.values(env).join('')}-${extra.length}`), ...extra], { env });

  it('a sweep counts points × replications to the end, on stderr, when forced', () => {
    const r = sweep([], { APIGW_SIM_PROGRESS: '1' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/small sweep .*100% \| 4 of 4 runs/);
    expect(r.stdout).not.toMatch(/runs \|/);
  });

  it('run --replications: one bar over every replication, not the first alone', () => {
    const r = runCli(['run', scenario, '--replications', '3', '--workers', '1', '--out', join(work, 'reps')], { env: { APIGW_SIM_PROGRESS: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/small, 3 replications .*100% \| 3 of 3 runs/);
    expect(r.stderr).not.toMatch(/replication 1 of/);
  });

  it('none when stderr is no terminal, and none with --json even when forced', () => {
    expect(sweep([], { APIGW_SIM_PROGRESS: '' }).stderr).not.toMatch(/runs \|/);
    const json = sweep(['--json'], { APIGW_SIM_PROGRESS: '1' });
    expect(json.status).toBe(0);
    expect(json.stderr).not.toMatch(/runs \|/);
    expect(JSON.parse(json.stdout).points).toHaveLength(2);
  });
});
