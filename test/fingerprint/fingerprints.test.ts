/**
 * Every shipped scenario, run once, and every check a shipped run owes:
 *
 * - its outputs, byte for byte, against the fingerprints recorded before the
 *   model-boundary refactor (fingerprints.json). A change that moves a
 *   figure on purpose records the new fingerprints with
 *   `UPDATE_FINGERPRINTS=1 npx vitest run test/fingerprint` and says in its
 *   commit which figures moved and why;
 * - a lesson's claims hold: it cannot drift into saying something the model
 *   no longer shows. The claims are the lesson authors' expectations from
 *   the mechanism (a price table, Little's law, Erlang B...), written in the
 *   lesson file, not figures read back from a run;
 * - its terminal summary, and a lesson's card, fit in 100 columns with
 *   colour on (the codes take no columns) and nothing dropped: a table too
 *   wide is wrapped or cut into parts that keep every cell.
 *
 * One run serves the three: the suite used to run every shipped scenario
 * once for each (test/lessons and test/cli/terminal-width keep the checks
 * that need no run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonCard } from '../../src/cli/commands/lessons.js';
import { reportInputOf } from '../../src/cli/report-input-of.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { checkClaims, lessonVariants, runVariants } from '../../src/experiment/lesson.js';
import { displayWidth, TERMINAL_COLUMNS } from '../../src/report/fit-table.js';
import { formatTerminalSummary } from '../../src/report/terminal-summary.js';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { fingerprintOfResult, ROOT, shippedRuns, type Fingerprint } from './fingerprint.js';

const FILE = join(import.meta.dirname, 'fingerprints.json');
const UPDATE = process.env.UPDATE_FINGERPRINTS === '1';
const recorded: Record<string, Fingerprint> = UPDATE ? {} : JSON.parse(readFileSync(FILE, 'utf8'));
const seen: Record<string, Fingerprint> = {};
const runs = shippedRuns();
/** Each shipped file once: a lesson's variants are run together. */
const files = [...new Map(runs.map((r) => [r.name.replace(/#.*$/, ''), join(ROOT, r.name.replace(/#.*$/, ''))])).entries()];

/** The lines wider than the terminal, for a readable failure. */
const tooWide = (text: string) => text.split('\n').filter((line) => displayWidth(line) > TERMINAL_COLUMNS);
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
/** Every cell's text as it reads in the drawn table(s): the words, borders and padding left out. */
const words = (text: string) => plain(text).split(/[\s│┌┬┐├┼┤└┴┘─]+/).filter((w) => w !== '');

describe('shipped scenarios: same bytes out as recorded, claims that hold, summaries in 100 columns', () => {
  it('covers every shipped scenario and lesson variant, and nothing recorded is missing', () => {
    expect(runs.length).toBeGreaterThan(40);
    expect(files.filter(([name]) => name.startsWith('scenarios/lessons/')).length).toBeGreaterThanOrEqual(20);
    if (!UPDATE) expect(runs.map((r) => r.name).sort()).toEqual(Object.keys(recorded).sort());
  });

  it.each(files)('%s', (name, file) => {
    const loaded = loadScenarioFile(file);
    const lesson = loaded.scenario.lesson;
    // a lesson's base and variants; a scenario without a lesson section (some lessons' variants are files of their own) alone
    const variants = lesson ? lessonVariants(file, readFileSync(file, 'utf8'), loaded) : [{ name: 'base', file, scenario: loaded.scenario, raw: loaded.raw, notes: [] }];
    const ran = runVariants(variants, (s) => bundledPriceTable(s.cost.region)!);
    for (const v of ran) {
      const key = lesson ? `${name}#${v.name}` : name;
      const fingerprint = fingerprintOfResult(v, v.result, v.cost);
      seen[key] = fingerprint;
      if (!UPDATE) expect(fingerprint, key).toEqual(recorded[key]);
      const summary = formatTerminalSummary(reportInputOf(relative(ROOT, v.file), v.raw, v.scenario, v.result, v.cost), { color: true });
      expect(tooWide(summary), `${key}: the summary in ${TERMINAL_COLUMNS} columns`).toEqual([]);
      expect(plain(summary), key).toContain('USD / month'); // the cost table is there, whole
    }
    if (!lesson) return;
    const claims = checkClaims(lesson, ran);
    for (const claim of claims) expect(claim.pass, `${claim.says}: ${claim.detail}`).toBe(true);
    const card = lessonCard({ name: basename(file, '.yaml'), file, lesson }, ran, claims);
    expect(tooWide(card), 'the lesson card').toEqual([]);
    for (const v of ran) expect(words(card), `variant ${v.name} is in the card`).toContain(v.name);
  }, 300_000);

  afterAll(() => {
    if (UPDATE) writeFileSync(FILE, `${JSON.stringify(Object.fromEntries(Object.entries(seen).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`);
  });
});
