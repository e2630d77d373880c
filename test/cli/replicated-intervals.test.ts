/**
 * `run --replications` as a user runs it, on a scenario whose failures are
 * rare: no interval in summary.csv reaches below 0 (Student t alone gave
 * this one an error-ratio interval of −0.06 % to 0.10 % and counts of −0.8),
 * and a share's stays within 0 to 1 around its mean.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: rare-failures
seed: 5
duration: 20s
warmup: 2s
load: { rate: 200/s }
clients: { timeout: 10s }
api: { type: rest }
integration: { type: lambda, memory: 512MB, duration: { p50: 40ms, p99: 600ms }, errorRate: 0.0003 }
`;

describe('run --replications: intervals stay in range', () => {
  it('gives no figure an interval below 0, and every share one inside [0, 1] that holds its mean', () => {
    const work = mkdtempSync(join(tmpdir(), 'apigw-sim-intervals-'));
    writeFileSync(join(work, 'rare.yaml'), SCENARIO);
    const r = runCli(['run', 'rare.yaml', '--replications', '3', '--workers', '1', '--out', 'out', '--quiet'], { cwd: work });
    expect(r.status).toBe(0);
    const rows = readFileSync(join(work, 'out', 'summary.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const byName = new Map(rows.map(([name, mean, low, high]) => [name, { mean: Number(mean), low: Number(low), high: Number(high) }]));
    const errorRatio = byName.get('requests.errorRatio')!;
    expect(errorRatio.mean).toBeGreaterThan(0); // a rare failure happened: the case t got wrong
    for (const [name, e] of byName) {
      if (Number.isNaN(e.low)) continue;
      expect(e.low, name).toBeGreaterThanOrEqual(0);
      if (name.endsWith('Ratio')) {
        expect(e.high, name).toBeLessThanOrEqual(1);
        expect(e.low <= e.mean && e.mean <= e.high, name).toBe(true);
      }
    }
    expect(byName.get('requests.error')!.low).toBe(0);
  });
});
