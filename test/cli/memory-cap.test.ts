/**
 * Every command under a cap on virtual memory, as many containers and CI
 * runners set one: `ulimit -v 4000000` (about 4 GB) used to kill even
 * `--version` with a raw `RangeError: WebAssembly.Instance(): Out of
 * memory`, because the histogram's WebAssembly module was compiled when it
 * was imported, and V8 reserves about 10 GB of address space for its memory.
 * Now the module is compiled on the first histogram, a thread that cannot
 * get the memory uses the JavaScript build (the same bytes out), and worker
 * threads are only started as they fit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliResult } from './run-cli.js';

const SCENARIO = `name: capped
seed: 11
duration: 30s
warmup: 5s
load: { rate: 200/s }
clients: { timeout: 1s, retry: { attempts: 2, on: [5xx], backoff: { base: 50ms, jitter: full } } }
api: { type: rest, throttle: { stage: { rate: 180/s, burst: 50 } } }
integration: { type: lambda, memory: 512MB, duration: { p50: 40ms, p99: 300ms } }
failures: [{ at: 10s, for: 5s, target: integration, errorRate: 0.3 }]
`;
const FILES = ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json', 'report.html'];

/** The CLI with its virtual memory capped at `kb` KiB, as `ulimit -v kb` caps it. */
function capped(kb: number, args: string[]): CliResult {
  const r = spawnSync('bash', ['-c', 'ulimit -v "$0" && exec "$@"', String(kb), process.execPath, join(ROOT, 'bin/apigw-sim.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const same = (a: string, b: string) => FILES.every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));

let work: string;
let free: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-cap-'));
  writeFileSync(join(work, 'capped.yaml'), SCENARIO);
  free = join(work, 'free');
  expect(runCli(['run', 'capped.yaml', '--out', 'free', '--quiet'], { cwd: work }).status).toBe(0); // run.json names the file as given
});

describe.skipIf(process.platform !== 'linux')('under ulimit -v', () => {
  it('--version, validate, price and schema work under 4 GB (--version used to die with a WebAssembly stack)', () => {
    const version = capped(4_000_000, ['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.status).toBe(0);
    const validate = capped(4_000_000, ['validate', join(ROOT, 'scenarios/retry-storm.yaml')]);
    expect(validate.stdout).toMatch(/retry-storm\.yaml: ok/);
    expect(validate.status).toBe(0);
    expect(capped(4_000_000, ['price', '--requests', '40M/month', '--lambda', '512MB:120ms']).status).toBe(0);
    expect(capped(4_000_000, ['schema']).status).toBe(0);
  });

  it('a run under 4 GB writes the very bytes of a run without a cap (the JavaScript histograms count alike)', () => {
    const r = capped(4_000_000, ['run', 'capped.yaml', '--out', 'at-4g', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(same(join(work, 'at-4g'), free)).toBe(true);
  });

  it('replications asking for 7 worker threads under 4 GB take only those that fit, and give the bytes of one thread', () => {
    expect(runCli(['run', 'capped.yaml', '--replications', '4', '--workers', '1', '--out', 'rep-free', '--quiet'], { cwd: work }).status).toBe(0);
    const r = capped(4_000_000, ['run', 'capped.yaml', '--replications', '4', '--workers', '7', '--out', 'rep-4g', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(same(join(work, 'rep-4g'), join(work, 'rep-free'))).toBe(true);
    expect(readFileSync(join(work, 'rep-4g', 'replications.csv')).equals(readFileSync(join(work, 'rep-free', 'replications.csv')))).toBe(true);
  });

  it('a run works under 2 GB, the minimum docs/commands.md gives', () => {
    const r = capped(2_000_000, ['run', 'capped.yaml', '--out', 'at-2g', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(same(join(work, 'at-2g'), free)).toBe(true);
  });
});
