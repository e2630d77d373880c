/**
 * The fuzz suite (issue 27): mutants of every shipped scenario and lesson
 * variant (./mutants.ts), each through `validate` and, when it is accepted,
 * through a short run with everything `run` writes (./try-mutant.ts). No
 * accepted mutant may crash (an "internal error", exit code 1) or run away.
 *
 * `npm test` runs a bounded sample (FUZZ_SAMPLE cases, seeded, so CI sees the
 * same ones every time; a failure is shrunk to a small mutant and printed
 * with its seed). `npm run fuzz` runs FUZZ_CASES=100000 in chunks and
 * counts, instead of stopping at the first crash: cases, clean refusals,
 * runs, crashes (each crash's mutant is written to reports/fuzz-crashes/,
 * or FUZZ_CRASHES).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorScenarios, mutantOf, mutantText, ROOT, seeds, type Seed } from './mutants.js';
import { tryMutant, type Outcome } from './try-mutant.js';

/** Cases `npm test` runs: about 7 seconds on one core. */
const FUZZ_SAMPLE = 500;
const CASES = Number(process.env.FUZZ_CASES ?? 0);
const SEED = Number(process.env.FC_SEED ?? 20_261_205);

let all: Seed[];
let mirror: string;
let savedCanvas: string | undefined;
beforeAll(() => {
  all = seeds();
  mirror = mirrorScenarios();
  savedCanvas = process.env.APIGW_SIM_NO_CANVAS;
  // PNGs are drawn by node-canvas from the chart configurations the HTML report holds too: every
  // report is written, the PNGs left out (they take most of a case's time)
  process.env.APIGW_SIM_NO_CANVAS = '1';
});
afterAll(() => {
  if (savedCanvas === undefined) delete process.env.APIGW_SIM_NO_CANVAS;
  else process.env.APIGW_SIM_NO_CANVAS = savedCanvas;
});

const fileFor = (seed: Seed) => join(mirror, seed.dir, 'fuzz-mutant.yaml');

describe('fuzz: mutated scenarios', () => {
  it('seeds every shipped scenario and every lesson variant that sets values', () => {
    expect(all.filter((s) => !s.name.includes('#')).length).toBeGreaterThanOrEqual(25);
    expect(all.filter((s) => s.name.includes('#')).length).toBeGreaterThanOrEqual(20); // lessons/cold-starts.yaml#provisioned...
  });

  it.skipIf(CASES > 0)(`${FUZZ_SAMPLE} mutants: every one validate accepts runs without an internal error`, { timeout: 600_000 }, async () => {
    const seen: Record<Outcome['kind'], number> = { refused: 0, ran: 0, crash: 0, runaway: 0 };
    await fc.assert(
      fc.asyncProperty(mutantOf(all), async (m) => {
        const outcome = await tryMutant(fileFor(m.seed), mutantText(m));
        seen[outcome.kind]++;
        if (outcome.kind === 'crash' || outcome.kind === 'runaway') throw new Error(`${outcome.kind}: ${outcome.message}\n--- mutant of ${m.seed.name}:\n${mutantText(m)}`);
      }),
      { numRuns: FUZZ_SAMPLE, seed: SEED },
    );
    // the sample exercises both sides: refusals, and accepted mutants that ran
    expect(seen.refused).toBeGreaterThan(FUZZ_SAMPLE / 10);
    expect(seen.ran).toBeGreaterThan(FUZZ_SAMPLE / 10);
  });

  it.runIf(CASES > 0)(`${CASES} mutants (npm run fuzz)`, { timeout: 0 }, async () => {
    const counts: Record<Outcome['kind'], number> = { refused: 0, ran: 0, crash: 0, runaway: 0 };
    // outside the test run's temporary root, which is removed when the run ends
    const crashes = process.env.FUZZ_CRASHES ?? join(ROOT, 'reports', 'fuzz-crashes');
    mkdirSync(crashes, { recursive: true });
    const started = Date.now();
    const chunk = 1000;
    for (let done = 0; done < CASES; done += chunk) {
      for (const m of fc.sample(mutantOf(all), { seed: SEED + done, numRuns: Math.min(chunk, CASES - done) })) {
        const text = mutantText(m);
        const outcome = await tryMutant(fileFor(m.seed), text);
        counts[outcome.kind]++;
        if (outcome.kind === 'crash' || outcome.kind === 'runaway') {
          const n = counts.crash + counts.runaway;
          writeFileSync(join(crashes, `${n}.yaml`), `# ${m.seed.name}: ${outcome.kind}\n# ${outcome.message.replace(/\n/g, '\n# ')}\n${text}`);
        }
      }
      process.stdout.write(`fuzz: ${Math.min(done + chunk, CASES)} cases, ${counts.refused} refused, ${counts.ran} ran, ${counts.crash} crashes, ${counts.runaway} runaways (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
    process.stdout.write(`fuzz: done; crashing mutants, if any, are in ${crashes}\n`);
    expect(counts.crash + counts.runaway).toBe(0);
  });
});
