/**
 * Every lesson's claims, checked by running the lesson with its seeds: a
 * lesson cannot drift into saying something the model no longer shows. The
 * claims are the lesson authors' expectations from the mechanism (a price
 * table, Little's law, Erlang B...), written in the lesson file, not
 * figures read back from a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { checkClaims, lessonVariants, runVariants } from '../../src/experiment/lesson.js';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { ROOT } from '../cli/run-cli.js';

const DIR = join(ROOT, 'scenarios/lessons');
const lessons = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: join(DIR, f), loaded: loadScenarioFile(join(DIR, f)) }))
  .filter((l) => l.loaded.scenario.lesson !== undefined);

describe('the lesson library', () => {
  it('has at least 12 lessons, each with a question, an explanation, an exam signal and a claim', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12);
    for (const { loaded } of lessons) {
      const lesson = loaded.scenario.lesson!;
      expect(lesson.question.endsWith('?'), lesson.title).toBe(true);
      expect(lesson.explanation.length, lesson.title).toBeGreaterThan(300);
      expect(lesson.examSignal.length, lesson.title).toBeGreaterThan(20);
      expect(lesson.claims.length, lesson.title).toBeGreaterThan(0);
    }
  });

  it.each(lessons.map((l) => [l.file.slice(DIR.length + 1), l] as const))('%s: every claim holds', (_, { file, loaded }) => {
    const ran = runVariants(lessonVariants(file, readFileSync(file, 'utf8'), loaded), (s) => bundledPriceTable(s.cost.region)!);
    const claims = checkClaims(loaded.scenario.lesson!, ran);
    for (const claim of claims) expect(claim.pass, `${claim.says}: ${claim.detail}`).toBe(true);
  }, 60_000);
});
