/** The scenarios every "this changes no result" test runs: the shipped ones, their lesson variants and two benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonVariants } from '../../src/experiment/lesson.js';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { ROOT } from '../cli/run-cli.js';

/** Every shipped scenario and lesson variant, and the benchmarks' storm and front door, cut to two minutes. */
export function shippedScenarios(): Array<[string, Scenario]> {
  const files = [
    ...['scenarios', 'scenarios/lessons', 'scenarios/validation'].flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(ROOT, dir, f)),
    ),
    join(ROOT, 'bench/retry-storm-5k.yaml'),
    join(ROOT, 'bench/front-door-10k.yaml'),
  ];
  return files.flatMap((file) => {
    const loaded = loadScenarioFile(file);
    const variants = loaded.scenario.lesson ? lessonVariants(file, readFileSync(file, 'utf8'), loaded).map((v) => v.scenario) : [loaded.scenario];
    return variants.map((s): [string, Scenario] => [s.name, { ...s, duration: Math.min(s.duration, 120_000), warmup: Math.min(s.warmup, 10_000) }]);
  });
}

