/**
 * A canary release as a user runs it: one run prints how the release ended
 * and what it burned, writes the canary.* figures to summary.csv (each
 * version's attempts and errors adding up to the attempts started, the
 * rollback at the period end worked by hand), the canary's share to the
 * time series and the new version's function to the bill; a canary on an
 * HTTP API is one clear error naming the file, the line and the field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tableWords } from './run-cli.js';

const SCENARIO = `name: canary-cli
seed: 3
duration: 4m
interval: 10s
load: { rate: 40/s }
api:
  type: rest
  canary:
    percentTraffic: 20
    integration: { errorRate: 0.5 }
    rollback:
      alarm: { threshold: 0.1, period: 1m, evaluationPeriods: 1 }
      delay: 15s
integration: { type: lambda, duration: { constant: 20ms } }
`;

describe('apigw-sim with a canary release', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-canary-'));

  it('prints and writes the canary figures, its share over time and its function on the bill', () => {
    const file = join(work, 'canary.yaml');
    writeFileSync(file, SCENARIO);
    const out = join(work, 'out');
    const r = runCli(['run', file, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    // 1 of 1 fires at the first period's end (60 s): about 480 release answers, half of them errors; the rollback 15 s later
    expect(tableWords(r.stdout)).toContain('canary 20 %: rolled back at 75 s (alarm at 1 min)');
    const figures = new Map(
      readFileSync(join(out, 'summary.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',') as [string, string]),
    );
    const figure = (name: string) => Number(figures.get(name));
    expect(figure('canary.rolledBackAtMs')).toBe(75_000);
    expect(figure('canary.alarmAtMs')).toBe(60_000);
    expect(figure('canary.base.requests') + figure('canary.release.requests')).toBe(figure('attempts.started'));
    expect(figure('canary.budgetBurned')).toBe(figure('canary.release.errors'));
    // a Poisson count: 20 % × 50 % × 40/s over the 75 s exposure, within 4 standard deviations
    const mean = 0.2 * 0.5 * 40 * 75;
    expect(Math.abs(figure('canary.budgetBurned') - mean)).toBeLessThanOrEqual(4 * Math.sqrt(mean));
    expect(figures.has('canary.promotedAtMs')).toBe(false);
    // the time series: the release's share, 20 % until the rollback, then 0
    const [header, ...rows] = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
    const column = header.split(',').indexOf('canary.share');
    expect(column).toBeGreaterThan(0);
    const shares = rows.map((row) => Number(row.split(',')[column]));
    expect(shares.slice(0, 7)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(shares.slice(8)).toEqual(shares.slice(8).map(() => 0));
    // the new version is the same function: its invocations are a second Lambda line on the bill
    expect(readFileSync(join(out, 'cost.csv'), 'utf8')).toMatch(/,Lambda,canary requests,/);
  });

  it('refuses a canary on an HTTP API: the file, the line, the field and a hint, no stack trace', () => {
    const bad = join(work, 'bad.yaml');
    const text = SCENARIO.replace('type: rest', 'type: http');
    writeFileSync(bad, text);
    const r = runCli(['run', bad, '--quiet', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:9`);
    expect(r.stderr).toContain('api.canary: HTTP APIs do not have canary releases');
    expect(r.stderr).toMatch(/hint: only REST API offers them/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
