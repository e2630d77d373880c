/** Runs the built CLI as a user would: `node bin/apigw-sim.js ...` in a given folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { pngRenderer } from '../../src/report/charts/png-renderer.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}bin/apigw-sim.js`;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `charts: true` draws the PNG charts where node-canvas is installed, as a user's run does; without
 * it the command runs as with `APIGW_SIM_NO_CANVAS=1` (no PNGs, and a note on stderr unless quiet):
 * drawing them took a third of a small run's time, and only the tests that look at them need them.
 */
/** The environment a test's command runs in: no colour, and no PNG charts unless `charts` (see runCli). */
export function cliEnv(charts = false): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', ...(charts ? {} : { APIGW_SIM_NO_CANVAS: '1' }) };
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; charts?: boolean } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...cliEnv(options.charts), ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder, by its path inside it, as base64: two folders written alike compare equal. */
export function folderBytes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [join(e.parentPath, e.name).slice(dir.length), readFileSync(join(e.parentPath, e.name)).toString('base64')]),
  );
}

/**
 * Whether this machine draws PNG charts. node-canvas is optional, so `npm test`
 * passes on a machine without it; CI must have it (test/report/run-charts.test.ts
 * fails there otherwise), so no PNG check is skipped on CI.
 */
export const DRAWS_PNG = !('unavailable' in (await pngRenderer()));

/** The PNG files a folder's `charts/` holds, sorted; none when there is no such folder. */
export function chartFiles(dir: string): string[] {
  const charts = join(dir, 'charts');
  return existsSync(charts) ? readdirSync(charts).sort() : [];
}

/** What `chartFiles` should give after a run with `charts: true`: these charts where PNGs are drawn, none elsewhere. */
export function expectedCharts(names: string[]): string[] {
  return DRAWS_PNG ? [...names].sort() : [];
}

/** A folder's entries as a run writes them: `charts` only where PNGs are drawn. */
export function expectedEntries(names: string[]): string[] {
  return names.filter((name) => DRAWS_PNG || name !== 'charts').sort();
}

/** A successful command's stderr, run with `charts: true`: nothing, or (without node-canvas, unless --quiet) only the one note saying how to get PNG charts. */
export function expectQuietStderr(stderr: string): void {
  if (DRAWS_PNG) expect(stderr).toBe('');
  else expect(stderr).toMatch(/^(note: no PNG charts: node-canvas is not installed\. [^\n]*apt-get install[^\n]*\n)?$/);
}

/** Terminal tables read as words: box lines dropped and whitespace collapsed, so a label that wraps inside its cell (100 columns) still reads in order. */
export function tableWords(stdout: string): string {
  return stdout.replace(/[│┌┐└┘├┤┬┴┼─]/g, ' ').replace(/\s+/g, ' ');
}
