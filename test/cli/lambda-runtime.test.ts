/**
 * `runtime:` as a user meets it: validate prints the INIT each function
 * gets and the measurements' age; a run with a runtime writes the same
 * bytes twice; a misspelt runtime is one clear error with its line and a
 * did-you-mean, exit code 2, no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledLambdaInit } from '../../src/catalog/lambda-init.js';
import { folderBytes, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'apigw-runtime-'));
const write = (name: string, fn: string) => {
  const file = join(dir, name);
  writeFileSync(file, `name: ${name.replace('.yaml', '')}\nseed: 5\nduration: 30s\nload: { rate: 20/s }\napi: { type: http }\nintegration:\n  type: lambda\n  ${fn}\n  duration: { p50: 20ms, p99: 60ms }\n`);
  return file;
};

describe('apigw-sim and runtime:', () => {
  it("validate prints the function's measured INIT and how old the measurements are", () => {
    const file = write('ok.yaml', 'runtime: java21\n  architecture: arm64\n  memory: 512MB');
    const r = runCli(['validate', file]);
    expect(r.status).toBe(0);
    const row = bundledLambdaInit().rows.find((x) => x.runtime === 'java21' && x.architecture === 'arm64' && x.memoryMb === 512 && x.packageType === 'zip')!;
    expect(r.stdout).toContain(`integration: java21 arm64 512MB zip: INIT p50 ${Math.round(row.p50Ms)} ms, p99 ${Math.round(row.p99Ms)} ms (measured)`);
    const { to } = bundledLambdaInit().table.window;
    const days = Math.floor((Date.now() - Date.parse(to)) / 86_400_000);
    expect(r.stdout).toMatch(new RegExp(`to ${to}: (${days}|${days + 1}) days old`));
  });

  it('validate says which rows a memory size between two measured ones comes from, and that extraInit is added', () => {
    const r = runCli(['validate', write('mid.yaml', 'runtime: python3.13\n  memory: 768MB\n  extraInit: { constant: 100ms }')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(interpolated between 512MB and 1024MB) with extraInit');
  });

  it('runs with a runtime, the same bytes twice', () => {
    const file = write('twice.yaml', 'runtime: provided.al2023/rust\n  keepAlive: { constant: 0ms }');
    // PNGs drawn too: the charts are the same bytes as well
    const a = runCli(['run', file, '--out', join(dir, 'a'), '--quiet'], { charts: true });
    const b = runCli(['run', file, '--out', join(dir, 'b'), '--quiet'], { charts: true });
    expect(a.status).toBe(0);
    expect(folderBytes(join(dir, 'a'))).toEqual(folderBytes(join(dir, 'b')));
  });

  it('refuses a misspelt runtime with its line, the nearest name and no stack trace', () => {
    const r = runCli(['validate', write('bad.yaml', 'runtime: python313')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.yaml:8: integration.runtime: no measured runtime "python313"');
    expect(r.stderr).toContain('did you mean "python3.13"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
