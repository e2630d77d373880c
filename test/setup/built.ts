/**
 * The tests import the built modules (vitest.config.ts: resolve.alias): a
 * run of `npx vitest` after an edit of src/ builds them first, so no test
 * ever runs code older than its sources; in watch mode an edit of src/
 * reruns the tests (forceRerunTriggers) after building again. `npm test`
 * builds before vitest starts (the pretest script), and then this finds
 * nothing to do.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '..', '..');

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const built = statSync(join(ROOT, 'dist', 'experiment', 'replication-worker.bundle.cjs'), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (built >= newestUnder(join(ROOT, 'src'))) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
}

export default function setup(project: TestProject): void {
  buildIfStale();
  project.onTestsRerun(buildIfStale);
}
