/**
 * Writes a file under a temporary name in the same folder, then renames it,
 * so a reader (or an interrupted run) never sees a half-written file; and a
 * whole folder the same way.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Fills a whole report folder under a temporary name next to it, then puts
 * it in place of `dir` (replacing an older report): a run that fails half
 * way leaves the old folder, or none, never a mix.
 */
export async function writeFolderAtomic<T>(dir: string, fill: (temporaryDir: string) => Promise<T>): Promise<T> {
  const temporary = join(dirname(dir), `.${basename(dir)}.${process.pid}.tmp`);
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  try {
    const result = await fill(temporary);
    const exists = await stat(dir).then(() => true, () => false);
    if (exists) await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
    return result;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
