/**
 * The tests import the built modules (vitest.config.ts: resolve.alias): a
 * run of `npx vitest` after an edit of src/ builds them first, so no test
 * ever runs code older than its sources, nor a module src/ no longer has;
 * in watch mode an edit of src/ reruns the tests (forceRerunTriggers) after
 * building again. `npm test` builds before vitest starts (the pretest
 * script), and then this finds nothing to do.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '..', '..');

/** The files under `dir`, by their path inside it. */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));

/** Whether dist/ was built from src/ as it is: no source newer than the last file the build writes, and a module for each source, none for a source gone. */
function builtFromSources(): boolean {
  const src = join(ROOT, 'src');
  const dist = join(ROOT, 'dist');
  const built = statSync(join(dist, 'experiment', 'replication-worker.bundle.cjs'), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const sources = filesUnder(src);
  if (sources.some((f) => statSync(join(src, f)).mtimeMs > built)) return false;
  const expected = sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => f.replace(/\.ts$/, '.js'));
  const modules = new Set(filesUnder(dist).filter((f) => f.endsWith('.js')));
  return expected.every((f) => modules.has(f)) && modules.size === expected.length + [...modules].filter((f) => f.endsWith('.json.js')).length;
}

function buildIfStale(): void {
  if (builtFromSources()) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
}

export default function setup(project: TestProject): void {
  buildIfStale();
  project.onTestsRerun(buildIfStale);
}
