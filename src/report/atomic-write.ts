/**
 * Writes a file under a temporary name in the same folder, then renames it,
 * so a reader (or an interrupted run) never sees a half-written file; and a
 * whole report folder the same way.
 *
 * `--out` rules (docs/commands.md#the---out-folder):
 * - A folder is only ever replaced when it is empty, or a report whose
 *   manifest (`.apigw-sim`, report-manifest.ts) lists every file it holds,
 *   unchanged: a user's notes, an edited file or the scenario being run
 *   make it refused, before anything runs.
 * - One writer at a time (output-lock.ts): the lock is taken when the
 *   command checks the folder, before it simulates.
 * - A symbolic link is followed: the report replaces the folder it points to
 *   and the link stays. A link to nothing is refused.
 * - The replace: the new report is written into `.NAME.apigw-sim-new.PID`
 *   and gets its manifest; the old one is renamed to
 *   `.NAME.apigw-sim-old.PID`, the new one renamed to NAME, the old one
 *   deleted. A kill at any instant leaves the old report or the new one
 *   whole, and leftovers the next run cleans up (report-leftovers.ts).
 *
 * APIGW_SIM_TEST_KILL_AT=<step> (read here only) makes the process kill
 * itself with SIGKILL at that step of the replace: the kill test's hook.
 */
import { access, constants, lstat, mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { acquireOutputLock, holdsOutputLock, releaseOutputLock } from './output-lock.js';
import { OutputPathError } from './output-path-error.js';
import { newFolderOf, oldFolderOf, recoverInterruptedReplace, removeLeftovers, removeReportFolder } from './report-leftovers.js';
import { checkAgainstManifest, MANIFEST_FILE, readManifest, writeManifest, writeWritingManifest } from './report-manifest.js';

export { OutputPathError } from './output-path-error.js';
/** The manifest every report folder holds: the sign that the folder may be replaced by the next run. */
export const REPORT_MARKER = MANIFEST_FILE;

/** The steps of a replace, in order, where the kill test's hook can stop the process. */
export const REPLACE_STEPS = ['locked', 'temp-created', 'filled', 'manifest-written', 'old-aside', 'new-in', 'old-deleting', 'old-deleted'] as const;
export type ReplaceStep = (typeof REPLACE_STEPS)[number];

function step(name: ReplaceStep): void {
  if (process.env.APIGW_SIM_TEST_KILL_AT === name) process.kill(process.pid, 'SIGKILL');
}

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new OutputPathError(`${path} is a folder`, 'give the path of a file to write, e.g. a name ending in .csv');
  await ensureFolder(dirname(path));
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
 * Checks that `dir` may be replaced by a report and takes its lock, or
 * throws OutputPathError: a file, a folder holding anything but an earlier
 * report's own files, the working folder or one of its parents, a mount
 * point, a link to nothing, a place with no writable parent, a folder
 * another run is writing. Finishes or cleans up what an interrupted run
 * left there. Commands call it before they simulate, so a long run does not
 * end in this error; the lock is released once the report is in place, or
 * when the process exits. Returns the resolved folder.
 */
export async function claimOutputFolder(dir: string): Promise<string> {
  const target = await resolveOutputFolder(dir);
  if (holdsOutputLock(target)) return target;
  await checkPlace(target, dir);
  // checked before the lock, so the usual refusal touches nothing; but a report another run is replacing at
  // this instant can look changed for a moment (its files listed, then the new report moved in): where the
  // folder now holds a finished report, or none, the refusal is made under the lock, where the other run
  // either holds it ("another run is writing") or has finished
  const refused = await checkReplaceable(target, dir).then(
    () => false,
    async (error: unknown) => {
      if (!(error instanceof OutputPathError)) throw error;
      const now = await lstat(target).catch(() => null);
      if (now === null || (await readManifest(target)).kind === 'complete') return true;
      throw error;
    },
  );
  const created = await ensureFolder(dirname(target));
  await acquireOutputLock(target, dir, created);
  try {
    step('locked');
    if (refused) await checkReplaceable(target, dir); // before anything is recovered or removed
    await recoverInterruptedReplace(target);
    await removeLeftovers(target);
    await checkReplaceable(target, dir);
  } catch (error) {
    await releaseOutputLock(target);
    throw error;
  }
  return target;
}

/** Releases a folder claimed and not written (a test, or a command that stops early); exiting releases it too. */
export async function releaseOutputFolder(dir: string): Promise<void> {
  await releaseOutputLock(await resolveOutputFolder(dir).catch(() => resolve(dir)));
}

/**
 * Fills a whole report folder under a temporary name next to `dir`, lists
 * its files in its manifest, then puts it in place of `dir` (an earlier
 * report, never anything else: see `claimOutputFolder`): a run that fails
 * half way leaves the old folder, or none, never a mix.
 */
export async function writeFolderAtomic<T>(dir: string, fill: (temporaryDir: string) => Promise<T>): Promise<T> {
  const target = await claimOutputFolder(dir);
  try {
    const temporary = newFolderOf(target);
    await mkdir(temporary);
    await writeWritingManifest(temporary);
    step('temp-created');
    let result: T;
    try {
      result = await fill(temporary);
      step('filled');
      await writeManifest(temporary);
      step('manifest-written');
      await checkReplaceable(target, dir); // anything put there during the run?
    } catch (error) {
      await removeReportFolder(temporary);
      throw error;
    }
    await swapIn(temporary, target);
    return result;
  } finally {
    await releaseOutputLock(target);
  }
}

/** The new report in place of the old one: old aside, new in, old deleted (only what its manifest lists). */
async function swapIn(temporary: string, target: string): Promise<void> {
  if (!(await lstat(target).catch(() => null))) {
    await rename(temporary, target);
    step('new-in');
    return;
  }
  const old = oldFolderOf(target);
  await rename(target, old);
  step('old-aside');
  try {
    await rename(temporary, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  step('new-in');
  // a file put into the old report between the last check and the rename keeps the old folder (a leftover the next run leaves alone)
  await removeReportFolder(old, () => step('old-deleting'));
  step('old-deleted');
}

/**
 * `dir` with every symbolic link followed (the folder the report replaces),
 * or OutputPathError for a link to nothing or a loop. A path that does not
 * exist yet resolves through its nearest existing parent.
 */
async function resolveOutputFolder(dir: string): Promise<string> {
  const path = resolve(dir);
  const found = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (found === null) return dirname(path) === path ? path : join(await resolveOutputFolder(dirname(path)), basename(path));
  return realpath(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT' && error.code !== 'ELOOP') throw error;
    const what = error.code === 'ELOOP' ? 'a loop of symbolic links' : 'a symbolic link to a folder that does not exist';
    throw new OutputPathError(`${dir} is ${what}`, 'apigw-sim writes the report in the folder a link points to: create that folder, or give --out a real folder');
  });
}

/** Refuses a place no report may replace, whatever it holds. */
async function checkPlace(target: string, dir: string): Promise<void> {
  const fromHere = relative(target, process.cwd());
  if (target === dirname(target) || !(fromHere === '..' || fromHere.startsWith(`..${sep}`))) {
    throw new OutputPathError(`${dir} is the working folder or one of its parents: apigw-sim replaces the whole --out folder`, 'give a folder of its own, e.g. --out reports/my-run');
  }
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw new OutputPathError(`${dir} exists and is a file, not a report folder`, 'give a folder that does not exist yet (apigw-sim creates it), or an earlier report to replace');
  if (existing && (await stat(dirname(target))).dev !== existing.dev) {
    throw new OutputPathError(`${dir} is a mount point: apigw-sim cannot replace it`, 'give a folder inside it, e.g. --out ' + join(dir, 'report'));
  }
  const parent = await nearestExisting(dirname(target));
  if (!parent.isFolder) throw new OutputPathError(`cannot create ${dir}: ${parent.path} is a file`, 'give a folder under an existing folder');
  await access(parent.path, constants.W_OK).catch(() => {
    throw new OutputPathError(`cannot write in ${parent.path}`, 'give a folder where you may write, e.g. under the current folder');
  });
}

/** Refuses a folder that holds anything but an earlier report's own files, unchanged (by its manifest). */
async function checkReplaceable(target: string, dir: string): Promise<void> {
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  if (entries.length === 0) return;
  const state = await readManifest(target);
  const replace = 'apigw-sim replaces the whole --out folder, and only a report it wrote there, as its manifest (.apigw-sim) lists it';
  if (state.kind === 'unreadable' || state.kind === 'writing') {
    throw new OutputPathError(
      `${dir} ${state.kind === 'writing' ? 'is a report that was never finished' : 'was written by an earlier apigw-sim, whose marker does not list the files it wrote'}, so apigw-sim cannot tell its files from yours`,
      `delete the folder yourself if you no longer need it (rm -r ${dir}), or give another --out`,
    );
  }
  if (state.kind === 'none') throw new OutputPathError(`${dir} exists and holds files apigw-sim did not write (${listed(entries.sort())})`, `${replace}: give a new folder, or move those files out`);
  const check = await checkAgainstManifest(target, state);
  if (check.unlisted.length > 0) throw new OutputPathError(`${dir} holds files apigw-sim did not write (${listed(check.unlisted)})`, `${replace}: move those files out, or give another --out`);
  if (check.changed.length > 0) {
    throw new OutputPathError(`${join(dir, check.changed[0])} was changed after apigw-sim wrote it${check.changed.length > 1 ? ` (and ${check.changed.length - 1} more)` : ''}`, `${replace}, unchanged: copy what you want to keep elsewhere and delete the folder yourself, or give another --out`);
  }
}

const listed = (names: readonly string[]) => `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}`;

/**
 * `mkdir -p`, one level at a time (Node's recursive mkdir never returns
 * under /proc: seen on Node 20, `--out /proc/1/x` spun at full CPU); the
 * folders it made, outermost first.
 */
async function ensureFolder(dir: string): Promise<string[]> {
  const existing = await stat(dir).catch(() => null);
  if (existing?.isDirectory()) return [];
  if (existing) throw new OutputPathError(`cannot create a folder at ${dir}: it is a file`, 'give a path under an existing folder');
  const parent = dirname(dir);
  const created = parent !== dir ? await ensureFolder(parent) : [];
  const made = await mkdir(dir).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      return false;
    },
  );
  return made ? [...created, dir] : created;
}

/** The path itself or its nearest ancestor that exists, and whether that is a folder. */
async function nearestExisting(path: string): Promise<{ path: string; isFolder: boolean }> {
  for (let p = path; ; p = dirname(p)) {
    const found = await stat(p).catch(() => null);
    if (found) return { path: p, isFolder: found.isDirectory() };
    if (dirname(p) === p) return { path: p, isFolder: false };
  }
}
