/**
 * The kill test (issue 27): `run --out` killed with SIGKILL at every step of
 * the replace (APIGW_SIM_TEST_KILL_AT, atomic-write.ts's hook) leaves the old
 * report or the new one whole, byte for byte, plus only clearly named
 * leftovers; the next run to the same --out finishes or cleans them up and
 * succeeds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLACE_STEPS, type ReplaceStep } from '../../src/report/atomic-write.js';
import { cliEnv, folderBytes, ROOT, runCli } from './run-cli.js';

const SCENARIO = `
name: killed
seed: 1
duration: 5s
load: { rate: 50/s }
api: { type: http }
integration:
  type: lambda
  memory: 256MB
  duration: { p50: 40ms, p99: 200ms }
`;

let work: string;
let scenario: string;
/** The report of seed 1 (the old one) and of seed 2 (the new one), as whole runs write them. */
let oldReport: Record<string, string>;
let newReport: Record<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-kill-'));
  scenario = join(work, 'killed.yaml');
  writeFileSync(scenario, SCENARIO);
  for (const seed of ['1', '2']) expect(runCli(['run', scenario, '--seed', seed, '--quiet', '--out', join(work, `seed-${seed}`)]).status).toBe(0);
  oldReport = folderBytes(join(work, 'seed-1'));
  newReport = folderBytes(join(work, 'seed-2'));
  expect(newReport).not.toEqual(oldReport);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `run --seed 2 --out DIR`, killed at `step`. */
function killedAt(step: ReplaceStep, out: string) {
  return spawnSync(process.execPath, [`${ROOT}bin/apigw-sim.js`, 'run', scenario, '--seed', '2', '--quiet', '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...cliEnv(), APIGW_SIM_TEST_KILL_AT: step },
    timeout: 60_000,
  });
}

const LEFTOVER = /^\.report\.apigw-sim-(new\.\d+|old\.\d+|lock)$/;

/** After the kill: the report in place is old or new, whole; between the two renames, the new one whole under its leftover name. */
function expectOneWholeReport(parent: string, step: ReplaceStep, old: Record<string, string> | null): void {
  const entries = readdirSync(parent);
  for (const entry of entries) if (entry !== 'report') expect(entry).toMatch(LEFTOVER);
  const out = join(parent, 'report');
  const whole = (dir: string) => {
    const bytes = folderBytes(dir);
    expect([old, newReport].some((r) => r !== null && JSON.stringify(r) === JSON.stringify(bytes)), `${dir} is neither report whole`).toBe(true);
  };
  if (existsSync(out)) return whole(out);
  if (old === null) return; // the first report: none yet
  // the one instant with no folder of that name: both reports are whole under their leftover names, and the next run puts the new one in
  expect(step).toBe('old-aside');
  const aside = entries.filter((e) => e.startsWith('.report.apigw-sim-'));
  expect(aside.map((e) => e.replace(/\d+$/, 'PID')).sort()).toEqual(['.report.apigw-sim-lock', '.report.apigw-sim-new.PID', '.report.apigw-sim-old.PID']);
  expect(folderBytes(join(parent, aside.find((e) => e.includes('-new.'))!))).toEqual(newReport);
  expect(folderBytes(join(parent, aside.find((e) => e.includes('-old.'))!))).toEqual(oldReport);
}

/** The next run finishes or cleans up what the kill left, and writes its report whole. */
function expectNextRunCleansUp(parent: string): void {
  const next = runCli(['run', scenario, '--seed', '1', '--quiet', '--out', join(parent, 'report')]);
  expect(next.stderr).toBe('');
  expect(next.status).toBe(0);
  expect(readdirSync(parent)).toEqual(['report']);
  expect(folderBytes(join(parent, 'report'))).toEqual(oldReport);
}

describe('run --out killed with SIGKILL at every step of the replace', () => {
  it('names every step the hook can stop at', () => {
    expect(REPLACE_STEPS).toEqual(['locked', 'temp-created', 'filled', 'manifest-written', 'old-aside', 'new-in', 'old-deleting', 'old-deleted']);
  });

  it.each(REPLACE_STEPS)('replacing a report, killed at %s: the old report or the new one, whole', (step) => {
    const parent = mkdtempSync(join(work, 'replace-'));
    cpSync(join(work, 'seed-1'), join(parent, 'report'), { recursive: true });
    const killed = killedAt(step, join(parent, 'report'));
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expectOneWholeReport(parent, step, oldReport);
    if (['new-in', 'old-deleting', 'old-deleted'].includes(step)) expect(folderBytes(join(parent, 'report'))).toEqual(newReport);
    if (['locked', 'temp-created', 'filled', 'manifest-written'].includes(step)) expect(folderBytes(join(parent, 'report'))).toEqual(oldReport);
    expectNextRunCleansUp(parent);
  });

  it.each(['locked', 'temp-created', 'filled', 'manifest-written', 'new-in'] as const)('writing the first report, killed at %s: no report or the new one, whole', (step) => {
    const parent = mkdtempSync(join(work, 'first-'));
    const killed = killedAt(step, join(parent, 'report'));
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expectOneWholeReport(parent, step, null);
    expect(existsSync(join(parent, 'report'))).toBe(step === 'new-in');
    expectNextRunCleansUp(parent);
  });
});
