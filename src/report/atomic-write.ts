/**
 * Writes a file under a temporary name in the same folder, then renames it,
 * so a reader (or an interrupted run) never sees a half-written file; and a
 * whole folder the same way.
 *
 * A folder is only ever replaced when it is one apigw-sim wrote (it holds the
 * marker file below, or a report of a version before the marker), or an empty
 * one: `--out` given a path that holds anything else is refused before
 * anything is written, so a typo cannot delete a user's files.
 */
import { access, constants, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Written into every folder `writeFolderAtomic` fills: the sign that the folder may be replaced by the next run. */
export const REPORT_MARKER = '.apigw-sim';
const MARKER_TEXT = 'This folder was written by apigw-sim; the next run with the same --out replaces it.\n';
/** What a report folder written before the marker held at its top (a run, a sweep or merge, a compare, a shard). */
const EARLIER_REPORT_FILES = ['run.json', 'sweep.json', 'compare.csv', 'partial.json'];

/** An output path apigw-sim will not write to, with what to do instead. */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
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
 * Refuses (OutputPathError) an output folder that must not be replaced: a
 * file, a folder holding anything but an earlier report, the working folder
 * or one of its parents, or a place with no writable parent. Commands call it
 * before they simulate, so a long run does not end in this error.
 */
export async function checkOutputFolder(dir: string): Promise<void> {
  const target = resolve(dir);
  const fromHere = relative(target, process.cwd());
  if (target === dirname(target) || !(fromHere === '..' || fromHere.startsWith(`..${sep}`))) {
    throw new OutputPathError(`${dir} is the working folder or one of its parents: apigw-sim replaces the whole --out folder`, 'give a folder of its own, e.g. --out reports/my-run');
  }
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw new OutputPathError(`${dir} exists and is a file, not a report folder`, 'give a folder that does not exist yet (apigw-sim creates it), or an earlier report to replace');
  if (existing) {
    // a mount point (a fresh volume has lost+found) is refused here too: it could not be replaced, only written into
    const entries = await readdir(target);
    const earlierReport = entries.includes(REPORT_MARKER) || EARLIER_REPORT_FILES.some((f) => entries.includes(f)) || (await holdsReportsOnly(target, entries));
    if (entries.length > 0 && !earlierReport) {
      throw new OutputPathError(`${dir} exists and holds files apigw-sim did not write (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''})`, 'apigw-sim replaces the whole --out folder: give a new folder, or an earlier report to replace');
    }
  }
  const parent = await nearestExisting(dirname(target));
  if (!parent.isFolder) throw new OutputPathError(`cannot create ${dir}: ${parent.path} is a file`, 'give a folder under an existing folder');
  await access(parent.path, constants.W_OK).catch(() => {
    throw new OutputPathError(`cannot write in ${parent.path}`, 'give a folder where you may write, e.g. under the current folder');
  });
}

/**
 * Fills a whole report folder under a temporary name next to it, then puts
 * it in place of `dir` (replacing an earlier report, never anything else:
 * see `checkOutputFolder`): a run that fails half way leaves the old folder,
 * or none, never a mix.
 */
export async function writeFolderAtomic<T>(dir: string, fill: (temporaryDir: string) => Promise<T>): Promise<T> {
  await checkOutputFolder(dir);
  const temporary = join(dirname(dir), `.${basename(dir)}.${process.pid}.tmp`);
  await rm(temporary, { recursive: true, force: true });
  await ensureFolder(dirname(dir));
  await mkdir(temporary);
  try {
    const result = await fill(temporary);
    await writeFile(join(temporary, REPORT_MARKER), MARKER_TEXT);
    const exists = await stat(dir).then(() => true, () => false);
    if (exists) await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
    return result;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns
 * under /proc (seen on Node 20: `--out /proc/1/x` spun at full CPU).
 */
async function ensureFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing?.isDirectory()) return;
  if (existing) throw new OutputPathError(`cannot create a folder at ${dir}: it is a file`, 'give a path under an existing folder');
  const parent = dirname(dir);
  if (parent !== dir) await ensureFolder(parent);
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/**
 * A lesson's folder from before the marker: a report folder per variant, each
 * a run of that lesson (its run.json has the lesson's block), and the
 * comparison chart's `charts/`. Not a folder of reports in general: `--out
 * reports` must not replace every report under it.
 */
async function holdsReportsOnly(dir: string, entries: string[]): Promise<boolean> {
  let variants = 0;
  for (const entry of entries) {
    if (entry === 'charts') continue;
    const inside = await readdir(join(dir, entry)).catch(() => null);
    if (!inside?.includes('run.json') || inside.includes(REPORT_MARKER)) return false;
    const run = await readFile(join(dir, entry, 'run.json'), 'utf8').then((text) => JSON.parse(text) as unknown, () => null);
    if (!(typeof run === 'object' && run !== null && 'lesson' in run)) return false;
    variants++;
  }
  return variants > 0;
}

/** The path itself or its nearest ancestor that exists, and whether that is a folder. */
async function nearestExisting(path: string): Promise<{ path: string; isFolder: boolean }> {
  for (let p = path; ; p = dirname(p)) {
    const found = await stat(p).catch(() => null);
    if (found) return { path: p, isFolder: found.isDirectory() };
    if (dirname(p) === p) return { path: p, isFolder: false };
  }
}
