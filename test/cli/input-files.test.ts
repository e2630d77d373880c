/**
 * Every file the CLI reads, as a user gives it: a scenario, a --prices
 * table, a run's folder for `report`, shards for `merge`. A path that is a
 * device, a pipe or a folder, a file too large or not UTF-8, or an edited
 * CSV is one clear error with the file (and line) and a hint, exit 2, no
 * stack; none of them hangs or runs the machine out of memory.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './run-cli.js';

const SCENARIO = `name: inputs
seed: 5
duration: 20s
load: { rate: 100/s }
api: { type: rest }
integration: { type: lambda, memory: 256MB, duration: { p50: 30ms, p99: 200ms } }
`;
const POSIX = process.platform !== 'win32';

let work: string;
let scenario: string;
let ran: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-inputs-'));
  scenario = join(work, 'inputs.yaml');
  writeFileSync(scenario, SCENARIO);
  if (POSIX) execFileSync('mkfifo', [join(work, 'pipe.yaml')]);
  ran = join(work, 'ran');
  expect(runCli(['run', scenario, '--out', ran, '--quiet']).status).toBe(0);
});

/** A refusal as the user sees it: exit 2, an `error:` line and a hint, no stack trace. */
function expectRefused(r: CliResult, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toMatch(/\n {2}hint: /);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.status).toBe(2);
}

describe('scenario and price files', () => {
  it.skipIf(!POSIX)('/dev/zero is refused at once (it used to be read until memory ran out)', () => {
    expectRefused(runCli(['validate', '/dev/zero']), /^error: \/dev\/zero: is a device, not a regular file\n {2}hint: give the path of a \.yaml or \.json scenario/);
  });

  it.skipIf(!POSIX)('a named pipe is refused at once (it used to block for ever), as a scenario and as --prices', () => {
    const started = Date.now();
    expectRefused(runCli(['validate', join(work, 'pipe.yaml')]), /pipe\.yaml: is a named pipe \(FIFO\), not a regular file\n {2}hint: save what the pipe gives to a regular file first/);
    expectRefused(runCli(['validate', scenario, '--prices', join(work, 'pipe.yaml')]), /pipe\.yaml: is a named pipe \(FIFO\)/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a folder is refused as a scenario', () => {
    expectRefused(runCli(['run', work, '--quiet']), /: is a folder, not a regular file/);
  });

  it('a scenario over 1 MiB is refused before it is parsed, with the limit', () => {
    const big = join(work, 'big.yaml');
    writeFileSync(big, `${SCENARIO}description: "${'x'.repeat(1024 * 1024)}"\n`);
    expectRefused(runCli(['validate', big]), /big\.yaml: is 1,04[89],\d{3} bytes, more than the 1,048,576 bytes \(1 MiB\) a scenario file may take\n {2}hint: check the path; docs\/commands\.md#input-files gives the limits/);
  });

  it('a scenario that is not UTF-8 is refused at its line (it used to read as U+FFFD)', () => {
    const latin1 = join(work, 'latin1.yaml');
    writeFileSync(latin1, Buffer.concat([Buffer.from(`${SCENARIO}description: caf`), Buffer.from([0xe9]), Buffer.from('\n')]));
    expectRefused(runCli(['validate', latin1]), /latin1\.yaml:7: is not UTF-8 text/);
  });
});

describe('YAML', () => {
  function validate(name: string, text: string): CliResult {
    writeFileSync(join(work, name), text);
    return runCli(['validate', join(work, name)]);
  }

  it('an alias bomb is refused at its alias, exit 2 (it used to exit 1 as an internal error)', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`);
    expectRefused(validate('bomb.yaml', `${levels.join('\n')}\n`), /bomb\.yaml:3: c\[0\]: the aliases expand into too many copies/);
  });

  it('`!env HOME` and `!!int 512MB` are refused with the tag named (they used to read as the texts "HOME" and "512MB")', () => {
    expectRefused(validate('env.yaml', SCENARIO.replace('name: inputs', 'name: !env HOME')), /env\.yaml:1: name: the YAML tag !env is not read here/);
    expectRefused(validate('int.yaml', SCENARIO.replace('memory: 256MB', 'memory: !!int 256MB')), /int\.yaml:6: integration\.memory: the tag !!int does not fit "256MB"/);
  });

  it('brackets nested a hundred thousand deep are refused at once as too deep (the parser used to overflow its stack)', () => {
    expectRefused(validate('deep.json', `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`), /deep\.json:1: nested more than 32 levels deep/);
  });
});

describe('report: an edited timeseries.csv', () => {
  function edited(name: string, edit: (lines: string[]) => void): CliResult {
    const dir = join(work, name);
    rmSync(dir, { recursive: true, force: true });
    cpSync(ran, dir, { recursive: true });
    const lines = readFileSync(join(dir, 'timeseries.csv'), 'utf8').split('\n');
    edit(lines);
    writeFileSync(join(dir, 'timeseries.csv'), lines.join('\n'));
    return runCli(['report', dir, '--out', join(work, `${name}-out`), '--quiet']);
  }

  it('1e400 in a cell is refused with its line and column (it used to be drawn as Infinity)', () => {
    const r = edited('infinite', (lines) => {
      lines[3] = lines[3].replace(/^([^,]*,[^,]*,)[^,]*/, '$11e400');
    });
    expectRefused(r, /timeseries\.csv:4: offered_per_s is 1e400, not a finite number \(column 3\)\n {2}hint: the file was edited/);
  });

  it('an empty count is refused with its line and column (it used to be read as no value)', () => {
    const r = edited('empty', (lines) => {
      lines[2] = lines[2].replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/, '$1');
    });
    expectRefused(r, /timeseries\.csv:3: attempts_started is empty, but a run always writes a number there \(column 4\)/);
  });

  it.skipIf(!POSIX)('a run.json that is a pipe is refused, not waited on', () => {
    const dir = join(work, 'piped');
    cpSync(ran, dir, { recursive: true });
    rmSync(join(dir, 'run.json'));
    execFileSync('mkfifo', [join(dir, 'run.json')]);
    expectRefused(runCli(['report', dir, '--out', join(work, 'piped-out'), '--quiet']), /run\.json: is a named pipe \(FIFO\), not a regular file/);
  });
});

describe('merge', () => {
  it.skipIf(!POSIX)("a shard's partial.json that is a device is refused", () => {
    const shard = join(work, 'shard-0');
    mkdirSync(shard);
    execFileSync('ln', ['-s', '/dev/zero', join(shard, 'partial.json')]);
    expectRefused(runCli(['merge', shard, '--out', join(work, 'merged')]), /partial\.json: is a device, not a regular file\n {2}hint: give the folders `apigw-sim shard --out` wrote/);
  });
});
