/**
 * Terminal output fits in 100 columns (issue 31): the tables, with colour on
 * (the codes take no columns) and nothing dropped: a table too wide is
 * wrapped or cut into parts that keep every cell; and the CLI as a user runs
 * it. The run summary of every shipped scenario and lesson variant, and
 * every lesson's card, are checked on the runs test/fingerprint makes; the
 * retry storm's, as `run` prints it, in test/cli/run-summary.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable, TERMINAL_COLUMNS, wrapText } from '../../src/report/fit-table.js';
import { runCli } from './run-cli.js';

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));
/** The lines wider than the terminal, for a readable failure. */
const tooWide = (text: string) => text.split('\n').filter((line) => displayWidth(line) > TERMINAL_COLUMNS);
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
/** Every cell's text as it reads in the drawn table(s): the words, borders and padding left out. */
const words = (text: string) => plain(text).split(/[\s│┌┬┐├┼┤└┴┘─]+/).filter((w) => w !== '');

describe('renderTable and wrapText', () => {
  const wide = { head: ['', 'alpha', 'beta', 'gamma', 'delta'], rows: [['a label that is rather long', '1234567890123', '2234567890123', '3234567890123', '4234567890123']] };

  it('draws a table that fits as cli-table3 does, untouched', () => {
    const drawn = renderTable({ head: ['figure', 'value'], rows: [['p99', '12.0 ms']] });
    expect(drawn.split('\n')[0]).toBe('┌────────┬─────────┐');
    expect(drawn).toContain('│ p99    │ 12.0 ms │');
  });

  it('wraps the label column of a table a little too wide, keeping every word', () => {
    const drawn = renderTable(wide, 80);
    expect(widest(drawn)).toBeLessThanOrEqual(80);
    expect(drawn.split('\n').filter((l) => l.startsWith('┌'))).toHaveLength(1); // one table, not cut
    expect(words(drawn).sort()).toEqual(words(renderTable(wide, 1000)).sort());
  });

  it('cuts a table far too wide into parts that each repeat the label column', () => {
    const drawn = renderTable(wide, 50);
    const parts = drawn.split('\n').filter((l) => l.startsWith('┌'));
    expect(parts.length).toBeGreaterThan(1);
    expect(widest(drawn)).toBeLessThanOrEqual(50);
    for (const name of ['alpha', 'beta', 'gamma', 'delta', '1234567890123', '4234567890123']) expect(words(drawn)).toContain(name);
    expect(words(drawn).filter((w) => w === 'label')).toHaveLength(parts.length);
  });

  it('measures colour codes as no columns', () => {
    const red = (t: string) => `\u001b[31m${t}\u001b[39m`;
    expect(displayWidth(red('abc'))).toBe(3);
    expect(widest(renderTable({ head: [red('word '.repeat(12)), 'y'], rows: [[red('a b c '.repeat(20)), '1']] }, 40))).toBeLessThanOrEqual(40);
  });

  it.each([
    ['a paragraph breaks at spaces, later lines indented', 'one two three four five six', 13, '  ', 'one two three\n  four five\n  six'],
    ['a word wider than the line keeps a line of its own', 'a averyveryverylongword b', 10, '', 'a\naveryveryverylongword\nb'],
    ['line breaks already there are kept', 'short\nlines', 80, '', 'short\nlines'],
  ])('wrapText: %s', (_, text, width, indent, expected) => {
    expect(wrapText(text, width, indent)).toBe(expected);
  });
});

describe('the CLI in 100 columns', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-width-'));

  it('price --detail for every entry point: the side-by-side totals and each bill', () => {
    const { status, stdout } = runCli(['price', '--requests', '300M/month', '--type', 'rest,http,websocket,alb,eventbridge', '--lambda', '512MB:120ms:arm64', '--detail']);
    expect(status).toBe(0);
    expect(tooWide(stdout)).toEqual([]);
    expect(plain(stdout).match(/monthly cost, /g)).toHaveLength(5);
  });

  it('compare through every entry point: the figures side by side, the bills, the notes', () => {
    const scenario = join(work, 'small.yaml');
    writeFileSync(scenario, 'name: small\nduration: 20s\nwarmup: 5s\nload: { rate: 50/s }\napi: { type: rest, cache: { size: 0.5GB } }\nintegration: { type: lambda, duration: { p50: 30ms, p99: 90ms } }\n');
    const { status, stdout } = runCli(['compare', scenario, '--types', 'rest,http,websocket,alb,function-url,eventbridge', '--out', join(work, 'cmp')]);
    expect(status).toBe(0);
    expect(tooWide(stdout)).toEqual([]);
    expect(plain(stdout)).toMatch(/^\s+REST API\s+HTTP API\s+Application Load Balancer\s+Lambda function URL$/m);
    for (const skipped of ['WebSocket API: skipped', 'api.type=eventbridge: skipped']) expect(plain(stdout).replace(/\n\s+/g, ' ')).toContain(skipped);
  });

  it('lessons and init --list', () => {
    for (const args of [['lessons'], ['init', '--list']]) {
      const { status, stdout } = runCli(args);
      expect(status, args.join(' ')).toBe(0);
      expect(tooWide(stdout), args.join(' ')).toEqual([]);
    }
  });
});
