/**
 * Every shipped scenario's outputs, byte for byte, against the fingerprints
 * recorded before the model-boundary refactor (fingerprints.json). A change
 * that moves a figure on purpose records the new fingerprints with
 * `UPDATE_FINGERPRINTS=1 npx vitest run test/fingerprint` and says in its
 * commit which figures moved and why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf, shippedRuns, type Fingerprint } from './fingerprint.js';

const FILE = join(import.meta.dirname, 'fingerprints.json');
const UPDATE = process.env.UPDATE_FINGERPRINTS === '1';
const recorded: Record<string, Fingerprint> = UPDATE ? {} : JSON.parse(readFileSync(FILE, 'utf8'));
const seen: Record<string, Fingerprint> = {};
const runs = shippedRuns();

describe('shipped scenarios: same bytes out as recorded', () => {
  it('covers every shipped scenario and lesson variant, and nothing recorded is missing', () => {
    expect(runs.length).toBeGreaterThan(40);
    if (!UPDATE) expect(runs.map((r) => r.name).sort()).toEqual(Object.keys(recorded).sort());
  });

  it.each(runs.map((r) => [r.name, r] as const))('%s', (name, run) => {
    const fingerprint = fingerprintOf(run);
    seen[name] = fingerprint;
    if (!UPDATE) expect(fingerprint).toEqual(recorded[name]);
  }, 300_000);

  afterAll(() => {
    if (UPDATE) writeFileSync(FILE, `${JSON.stringify(Object.fromEntries(Object.entries(seen).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`);
  });
});
