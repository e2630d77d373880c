/**
 * What an interrupted replace of a report folder NAME may leave beside it,
 * each named after it:
 *
 * - `.NAME.apigw-sim-new.PID`: the new report, being written or whole;
 * - `.NAME.apigw-sim-old.PID`: the old report, renamed aside, whole or
 *   partly deleted;
 * - `.NAME.apigw-sim-lock.stale.PID`: a stale lock being taken over.
 *
 * The next run to the same --out, holding its lock, finishes the replace if
 * NAME is missing (the whole new report goes in, else the whole old one comes
 * back) and removes the rest. A folder is only ever removed when it is
 * provably apigw-sim's: its manifest says it was being written, or lists every
 * file it holds, unchanged. Anything else is left where it is.
 */
import { lstat, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkAgainstManifest, MANIFEST_FILE, readManifest } from './report-manifest.js';

export const newFolderOf = (target: string): string => join(dirname(target), `.${basename(target)}.apigw-sim-new.${process.pid}`);
export const oldFolderOf = (target: string): string => join(dirname(target), `.${basename(target)}.apigw-sim-old.${process.pid}`);

type LeftoverKind = 'new' | 'old' | 'stale-lock';

/** The leftovers of `target`'s earlier replaces, newest first. */
async function leftoversOf(target: string): Promise<Array<{ path: string; kind: LeftoverKind }>> {
  const prefix = `.${basename(target)}.apigw-sim-`;
  const found: Array<{ path: string; kind: LeftoverKind; mtimeMs: number }> = [];
  for (const name of await readdir(dirname(target)).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(new|old|lock\.stale)\.\d+$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const path = join(dirname(target), name);
    const mtimeMs = (await lstat(path).catch(() => null))?.mtimeMs ?? 0;
    found.push({ path, kind: match[1] === 'lock.stale' ? 'stale-lock' : (match[1] as LeftoverKind), mtimeMs });
  }
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/**
 * Finishes a replace killed between its two renames (NAME missing): the new
 * report goes in if it is whole, else the old one comes back. Call it
 * holding `target`'s lock.
 */
export async function recoverInterruptedReplace(target: string): Promise<void> {
  if (await lstat(target).then(() => true, () => false)) return;
  const leftovers = await leftoversOf(target);
  for (const kind of ['new', 'old'] as const) {
    for (const leftover of leftovers.filter((l) => l.kind === kind)) {
      if (await isWholeReport(leftover.path)) {
        await rename(leftover.path, target);
        return;
      }
    }
  }
}

/** Removes `target`'s leftovers that are provably apigw-sim's. Call it holding `target`'s lock. */
export async function removeLeftovers(target: string): Promise<void> {
  for (const leftover of await leftoversOf(target)) {
    if (leftover.kind === 'stale-lock') {
      if ((await lstat(leftover.path)).isFile()) await unlink(leftover.path).catch(() => {});
    } else {
      await removeReportFolder(leftover.path);
    }
  }
}

/**
 * Deletes a folder apigw-sim wrote, and nothing it did not: a finished
 * report's listed files (the manifest last, so a kill half way leaves a
 * folder that is still provably apigw-sim's), a report being written, or an
 * empty folder. Anything else is kept: false. `afterFirstFile` runs once the
 * first file is gone (a test hook).
 */
export async function removeReportFolder(dir: string, afterFirstFile: () => void = () => {}): Promise<boolean> {
  if (!(await stat(dir).catch(() => null))?.isDirectory()) return false;
  const state = await readManifest(dir);
  const paths: string[] = [];
  let folders: string[] = [];
  if (state.kind === 'complete') {
    const check = await checkAgainstManifest(dir, state);
    if (check.unlisted.length > 0 || check.changed.length > 0) return false;
    paths.push(...state.files.map((f) => f.path));
    folders = [...state.folders].sort().reverse(); // deepest first
  } else if (state.kind === 'writing') {
    paths.push(...(await readdir(dir)).filter((name) => name !== MANIFEST_FILE));
  } else if (state.kind !== 'none' || (await readdir(dir)).length > 0) {
    return false;
  }
  let first = true;
  for (const path of paths) {
    // rm removes a link, never what it points to
    await rm(join(dir, path), { recursive: state.kind === 'writing', force: true });
    if (first) afterFirstFile();
    first = false;
  }
  try {
    for (const folder of folders) await rmdir(join(dir, folder));
    if (state.kind !== 'none') await unlink(join(dir, MANIFEST_FILE));
    await rmdir(dir);
  } catch {
    return false; // something appeared meanwhile: it stays
  }
  return true;
}

/** A finished report whose files are all there, as listed. */
async function isWholeReport(dir: string): Promise<boolean> {
  const state = await readManifest(dir).catch(() => null);
  if (state?.kind !== 'complete') return false;
  const check = await checkAgainstManifest(dir, state);
  return check.unlisted.length + check.changed.length + check.missing.length === 0;
}
