/**
 * The scenario files the playground carries (scenarios/ of the repository,
 * bundled as text), by their path from the repository's root as the CLI
 * names them in reports (`scenarios/lessons/cold-starts.yaml`); and a
 * lesson variant's `scenario: ../other.yaml` resolved against them.
 */
import type { VariantFiles } from '../../../src/experiment/lesson-plan.js';

/** `a/b/../c.yaml` -> `a/c.yaml`: the path `join` would give, on forward slashes. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Variant files read from `library` (path -> text), relative to the lesson's own path. */
export function libraryFiles(library: Readonly<Record<string, string>>): VariantFiles {
  return (lessonFile, relativePath) => {
    const dir = lessonFile.includes('/') ? lessonFile.slice(0, lessonFile.lastIndexOf('/')) : '.';
    const file = normalizePath(`${dir}/${relativePath}`);
    return { file, text: Object.hasOwn(library, file) ? library[file] : null };
  };
}

export interface LessonEntry {
  /** `retry-storm-jitter` */
  name: string;
  /** `scenarios/lessons/retry-storm-jitter.yaml` */
  file: string;
}

/**
 * The lessons of a library: its scenarios/lessons/*.yaml with a top-level
 * `lesson:` section, by name (the folder also holds the scenarios some
 * variants name, which are no lessons of their own: `apigw-sim lessons`
 * leaves them out too).
 */
export function lessonEntries(library: Readonly<Record<string, string>>): LessonEntry[] {
  return Object.keys(library)
    .filter((f) => /^scenarios\/lessons\/[^/]+\.yaml$/.test(f) && /^lesson:/m.test(library[f]))
    .sort()
    .map((file) => ({ name: file.slice('scenarios/lessons/'.length, -'.yaml'.length), file }));
}
