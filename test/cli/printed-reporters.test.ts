/**
 * What the commands print comes from the printing reporters: the CLI's
 * stdout is, byte for byte, what the reporters of those names write to a
 * string from the same input, plus the command's own closing line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { printedReporters } from '../../src/cli/commands/run.js';
import type { ReportInput } from '../../src/report/report-input.js';
import { RUN_REPORTERS } from '../../src/report/reporters.js';
import { readRunFolder } from '../../src/report/run-folder.js';
import { SWEEP_REPORTERS } from '../../src/report/sweep-reporters.js';
import { runInput, stringSink, sweepInput } from '../report/report-inputs.js';
import { runCli } from './run-cli.js';

const SMALL = `
name: small
seed: 3
duration: 20s
load: { rate: 200/s }
api: { type: rest, throttle: { stage: { rate: 150/s, burst: 50 } } }
integration: { type: lambda, memory: 256MB, duration: { p50: 40ms, p99: 200ms } }
thresholds: { p99: "< 10s" }
`;

let work: string;
let file: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-printed-'));
  file = join(work, 'small.yaml');
  writeFileSync(file, SMALL);
});

/** What the reporters of these names print for `input`. */
async function printed(input: ReportInput, names: string[], color = false): Promise<string> {
  const sink = stringSink(color);
  for (const reporter of RUN_REPORTERS.create(names, sink)) await reporter.write(input, join(work, 'never-written'));
  return sink.text;
}

/** stdout split at the end of what the reporters printed: that part, and the command's own lines after it. */
function after(stdout: string, reported: string): string {
  expect(stdout.slice(0, reported.length)).toBe(reported);
  return stdout.slice(reported.length);
}

describe('run prints through its printing reporters', () => {
  it('picks json-stdout for --json, terminal and thresholds for people, none with --quiet', () => {
    expect(printedReporters({ json: true })).toEqual(['json-stdout']);
    expect(printedReporters({ json: true, quiet: true })).toEqual(['json-stdout']);
    expect(printedReporters({})).toEqual(['terminal', 'thresholds']);
    expect(printedReporters({ quiet: true })).toEqual([]);
    for (const names of [printedReporters({ json: true }), printedReporters({})]) expect(() => RUN_REPORTERS.create(names, stringSink())).not.toThrow();
  });

  it('the tables and the thresholds, then the folder written', async () => {
    const out = join(work, 'tables');
    const r = runCli(['run', file, '--out', out, '--threshold', 'errorRate<1%']);
    expect(r.status).toBe(3);
    const input = await runInput(file, { thresholds: ['errorRate<1%'] });
    // the wrote line wraps at 100 columns, its later lines indented
    expect(after(r.stdout, await printed(input, ['terminal', 'thresholds'])).replace(/\n {2}/g, ' ')).toMatch(new RegExp(`^\\nwrote ${out}/ \\(summary\\.csv, timeseries\\.csv, cost\\.csv, run\\.json, report\\.html(, charts/[a-z-]+\\.png)*\\)\\n$`));
  });

  it('in colour when the terminal takes it (FORCE_COLOR)', async () => {
    const r = runCli(['run', file, '--out', join(work, 'colour')], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.status).toBe(0);
    const reported = await printed(await runInput(file), ['terminal', 'thresholds'], true);
    expect(reported).toContain('\u001b[');
    after(r.stdout, reported);
  });

  it('--json: the JSON summary and nothing else, with replications and thresholds', async () => {
    const r = runCli(['run', file, '--out', join(work, 'json'), '--json', '--replications', '3', '--workers', '0']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(await printed(await runInput(file, { replications: 3 }), ['json-stdout']));
  });
});

describe('report prints through the terminal reporter', () => {
  it('the tables of the run read back, then the folder redrawn', async () => {
    const out = join(work, 'to-redraw');
    expect(runCli(['run', file, '--out', out, '--quiet']).status).toBe(0);
    const r = runCli(['report', out, '--out', join(work, 'redrawn')]);
    expect(r.status).toBe(0);
    expect(after(r.stdout, await printed(await readRunFolder(out), ['terminal']))).toMatch(/^\nredrew .* intervals of timeseries\.csv\n$/);
  });
});

describe('sweep prints through its printing reporters', () => {
  const sets = ['integration.memory=128MB,512MB'];
  const sweptPrint = async (names: string[]) => {
    const input = await sweepInput(file, sets);
    const sink = stringSink();
    for (const reporter of SWEEP_REPORTERS.create(names, sink)) await reporter.write(input, join(work, 'never-written'));
    return sink.text;
  };

  it('the table, then the folder written', async () => {
    const r = runCli(['sweep', file, '--set', sets[0], '--workers', '0', '--out', join(work, 'sweep')]);
    expect(r.status).toBe(0);
    expect(after(r.stdout, await sweptPrint(['terminal'])).replace(/\n {2}/g, ' ')).toMatch(/^wrote .*sweep\/ \(sweep\.csv, sweep\.json.*\)\n$/);
  });

  it('--json: sweep.json and nothing else', async () => {
    const r = runCli(['sweep', file, '--set', sets[0], '--workers', '0', '--out', join(work, 'sweep-json'), '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(await sweptPrint(['json-stdout']));
  });
});
