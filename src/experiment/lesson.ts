/**
 * The lessons as the CLI runs them: ./lesson-plan.ts (pure) with a
 * variant's other scenario file read from disk, relative to the lesson's
 * file, through the loader's limits.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readDocumentFile, type LoadedScenario } from '../scenario/loader.js';
import { lessonVariantsFrom, type LessonVariant, type VariantFiles } from './lesson-plan.js';

export * from './lesson-plan.js';

const diskFiles: VariantFiles = (lessonFile, relativePath) => {
  const file = join(dirname(lessonFile), relativePath);
  return { file, text: existsSync(file) ? readDocumentFile(file, "a path relative to the lesson's scenario file") : null };
};

/** The base scenario and each variant's, checked (an error names the variant). */
export function lessonVariants(file: string, text: string, loaded: LoadedScenario): LessonVariant[] {
  return lessonVariantsFrom(file, text, loaded, diskFiles);
}
