/**
 * WebSocket broadcast as a user runs it: the chat lesson's run writes the
 * room's deliveries and bills them as messages; a broadcast where AWS has
 * none, or a room of no one, is one clear error naming the file, the line
 * and the field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const LESSON = join(ROOT, 'scenarios/lessons/websocket-chat.yaml');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('apigw-sim with a WebSocket room broadcast', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-broadcast-'));

  // the same bytes for the same seed: test/fingerprint holds this lesson's run to its recorded fingerprint
  it('run posts every message to its room and bills each post', () => {
    const a = join(work, 'a');
    expect(runCli(['run', LESSON, '--out', a, '--quiet']).status).toBe(0);
    const summary = readFileSync(join(a, 'summary.csv'), 'utf8');
    const figure = (name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(summary)?.[1]);
    // a room of 10: ten posts per message, none throttled at ~200 messages a second
    expect(figure('events.broadcast.delivered')).toBe(10 * figure('requests.offered'));
    expect(figure('events.broadcast.throttled') || 0).toBe(0);
    // billed messages: each message in, its reply out, and its ten posts (2 KB: one 32 KB unit each), scaled to the month
    const cost = readFileSync(join(a, 'cost.csv'), 'utf8');
    const billed = [...cost.matchAll(/WebSocket messages \(32 KB units\)[^\n]*?",(\d+),messages/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const perSecond = figure('requests.offered') / figure('measuredSeconds');
    expect(billed / (perSecond * 730 * 3600)).toBeCloseTo(12, 1);
  });

  it('refuses a broadcast on a REST API and a room of no one: the file, the line, the field and a hint, no stack trace', () => {
    const file = join(work, 'bad.yaml');
    const base = readFileSync(LESSON, 'utf8');
    const rest = base.replace('type: websocket', 'type: rest').replace(/load:\n {2}rate: 5\/s\n {2}connection:\n.*\n.*\n/, 'load:\n  rate: 5/s\n');
    writeFileSync(file, rest);
    const r = runCli(['run', file, '--quiet', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:${lineOf(rest, 'broadcast:')}: api.broadcast: only applies to WebSocket APIs`);
    expect(r.stderr).toMatch(/hint: .*@connections/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const empty = base.replace('roomSize: 10', 'roomSize: 0');
    writeFileSync(file, empty);
    const e = runCli(['run', file, '--quiet', '--out', join(work, 'never')]);
    expect(e.status).toBe(2);
    expect(e.stderr).toContain(`${file}:${lineOf(empty, 'roomSize: 0')}: api.broadcast.roomSize`);
    expect(e.stderr).not.toMatch(/\n\s+at /);
  });
});
