/**
 * Work split across processes, as it would be across machines: `shard`
 * run as several processes at once, then `merge`, must give the very bytes
 * one `run --replications` or `sweep` writes; and a wrong set of shards is
 * one clear error.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, folderBytes, ROOT, runCli } from './run-cli.js';

const SCENARIO = `
name: sharded
seed: 21
duration: 20s
warmup: 2s
load: { rate: 150/s }
clients: { timeout: 400ms, retry: { attempts: 2, on: [5xx, timeout], backoff: { base: 20ms, jitter: full } } }
api: { type: rest }
integration: { type: lambda, memory: 256MB, duration: { p50: 30ms, p99: 300ms } }
failures: [{ at: 8s, for: 4s, target: integration, errorRate: 0.4 }]
`;

let work: string;
let scenario: string;

/** The CLI as a separate process, without waiting for it: several run at once. */
function cli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/apigw-sim.js'), ...args], { cwd: work, env: cliEnv() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-shard-'));
  scenario = join(work, 'sharded.yaml');
  writeFileSync(scenario, SCENARIO);
});

describe('apigw-sim shard + merge', () => {
  it('three shard processes of a replicated run merge into the bytes of one run --replications', async () => {
    const shards = await Promise.all([0, 1, 2].map((i) => cli(['shard', scenario, '--replications', '5', '--shards', '3', '--index', String(i), '--workers', '1', '--out', `rep-${i}`, '--quiet'])));
    for (const s of shards) expect(s).toEqual({ status: 0, stderr: '' });
    expect(existsSync(join(work, 'rep-0', 'first-replication', 'timeseries.csv'))).toBe(true);
    expect(existsSync(join(work, 'rep-1', 'first-replication'))).toBe(false);
    expect((await cli(['merge', 'rep-2', 'rep-0', 'rep-1', '--out', 'rep-merged'])).status).toBe(0);
    expect(runCli(['run', scenario, '--replications', '5', '--out', join(work, 'rep-direct'), '--quiet']).status).toBe(0);
    const merged = folderBytes(join(work, 'rep-merged'));
    expect(Object.keys(merged)).toEqual(expect.arrayContaining(['/summary.csv', '/replications.csv', '/timeseries.csv', '/run.json', '/report.html']));
    expect(merged).toEqual(folderBytes(join(work, 'rep-direct')));
  });

  it('four shard processes of a sweep merge into the bytes of one sweep', async () => {
    const sweep = ['--set', 'integration.memory=256MB,1GB', '--set', 'api.type=rest,http', '--replications', '2'];
    const shards = await Promise.all([0, 1, 2, 3].map((i) => cli(['shard', scenario, ...sweep, '--shards', '4', '--index', String(i), '--workers', '1', '--out', `sweep-${i}`, '--quiet'])));
    for (const s of shards) expect(s.status).toBe(0);
    expect((await cli(['merge', 'sweep-0', 'sweep-1', 'sweep-2', 'sweep-3', '--out', 'sweep-merged'])).status).toBe(0);
    expect(runCli(['sweep', scenario, ...sweep, '--out', join(work, 'sweep-direct'), '--quiet']).status).toBe(0);
    expect(folderBytes(join(work, 'sweep-merged'))).toEqual(folderBytes(join(work, 'sweep-direct')));
  });

  it('refuses a missing, doubled or foreign shard with one error each, and writes nothing', async () => {
    for (const i of [0, 1]) expect((await cli(['shard', scenario, '--replications', '3', '--shards', '2', '--index', String(i), '--out', `x-${i}`, '--quiet'])).status).toBe(0);
    expect((await cli(['shard', scenario, '--replications', '4', '--shards', '2', '--index', '1', '--out', 'other-1', '--quiet'])).status).toBe(0);
    const cases: Array<[string[], RegExp]> = [
      [['x-0'], /^error: shard 1 of 2 missing\n  hint: run the missing shards/],
      [['x-0', 'x-1', 'x-1'], /^error: shard 1 is given twice/],
      [['x-0', 'other-1'], /^error: other-1 is a shard of other work than x-0/],
      [['x-0', 'nowhere'], /^error: nowhere\/partial\.json: no such file, so nowhere is not a shard's folder/],
    ];
    for (const [dirs, message] of cases) {
      const r = await cli(['merge', ...dirs, '--out', 'never']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(work, 'never'))).toBe(false);
    const bad = await cli(['shard', scenario, '--replications', '3', '--shards', '2', '--index', '2', '--out', 'never']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: --index 2 is not a whole number from 0 to 1/);
  });
});
