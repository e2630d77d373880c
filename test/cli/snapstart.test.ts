/**
 * `snapStart:` as a user meets it: SnapStart on a runtime that lacks it,
 * or with provisioned concurrency, is refused with the file, the line, the
 * field and a hint, exit code 2, no stack trace; a Python function's run
 * writes its snapshot and restore lines in cost.csv; in eu-west-1, whose
 * table has no SnapStart price, the run is refused before it starts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'apigw-snapstart-'));
const write = (name: string, fn: string, region = 'us-east-1') => {
  const file = join(dir, name);
  writeFileSync(file, `name: ${name.replace('.yaml', '')}\nseed: 5\nduration: 20s\nload: { rate: 20/s }\napi: { type: http }\nintegration:\n  type: lambda\n  ${fn}\n  duration: { p50: 20ms, p99: 60ms }\ncost: { region: ${region} }\n`);
  return file;
};

describe('apigw-sim and snapStart:', () => {
  it('refuses SnapStart on a runtime without it, and with provisioned concurrency, each at its line with a hint', () => {
    const node = write('node.yaml', 'runtime: nodejs22.x\n  snapStart: true');
    const provisioned = write('provisioned.yaml', 'runtime: java21\n  snapStart: true\n  concurrency: { provisioned: 2 }');
    const r = runCli(['validate', node, provisioned]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('node.yaml:9: integration.snapStart: is not offered for nodejs22.x');
    expect(r.stderr).toMatch(/hint: SnapStart supports Java 11 and later .*Python 3\.12 and later .*\.NET 8 and later/);
    expect(r.stderr).toContain('provisioned.yaml:10: integration.concurrency.provisioned: cannot be combined with SnapStart');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("bills a Python function's snapshot and restores in cost.csv", () => {
    const out = join(dir, 'py');
    const r = runCli(['run', write('py.yaml', 'runtime: python3.13\n  memory: 1024MB\n  snapStart: true'), '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const csv = readFileSync(join(out, 'cost.csv'), 'utf8');
    const line = (item: string) => csv.split('\n').find((l) => l.includes(`,${item},`));
    expect(line('integration snapshots')).toMatch(/,GB-seconds,0\.0000015046,/);
    expect(line('integration restores')).toMatch(/,GB restored,0\.0001397998,/);
  });

  it('refuses a charged SnapStart function in eu-west-1 before the run, naming the missing prices', () => {
    const r = runCli(['run', write('eu.yaml', 'runtime: dotnet8\n  snapStart: true', 'eu-west-1'), '--out', join(dir, 'eu'), '--quiet']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Lambda SnapStart cache');
    expect(r.stderr).toContain('--prices');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
