/**
 * The lesson library's shape: every lesson asks, explains and claims. Every
 * lesson's claims are checked on its runs in test/fingerprint, which runs
 * each shipped scenario once for all the checks a run owes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
