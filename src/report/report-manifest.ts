/**
 * The manifest of a report folder (`.apigw-sim`, JSON): every file apigw-sim
 * wrote there, with its size and SHA-256, and every folder. It is what lets
 * the next run with the same `--out` replace the folder (only while it holds
 * these files unchanged and nothing else), `report` trust a folder before it
 * redraws it, and the clean-up after an interrupted run delete only what is
 * provably apigw-sim's.
 *
 * A folder being filled holds a manifest that says so (`writing`), from its
 * first instant: an interrupted run's temporary folder is recognisable too.
 * Paths use `/` and are sorted, so the same report gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { PARSED_ONCE } from '../catalog/parse-once.js';

export const MANIFEST_FILE = '.apigw-sim';
const KIND = 'apigw-sim report manifest';
const NOTE = 'The files apigw-sim wrote in this folder. The next run with the same --out replaces the folder only while it holds these files, unchanged, and nothing else.';

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** What a folder's `.apigw-sim` says: a finished report's files, a report still being written, no manifest, or a file that is not one (an earlier version's marker). */
export type ManifestState = { kind: 'complete'; files: ManifestEntry[]; folders: string[] } | { kind: 'writing' } | { kind: 'none' } | { kind: 'unreadable' };

/** A relative path inside the folder: no `..`, no empty or absolute part. */
const insidePath = z.string().refine((p) => p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), 'not a path inside the folder');
const manifestJson = z.object({
  kind: z.literal(KIND),
  version: z.literal(1),
  writing: z.boolean(),
  folders: z.array(insidePath),
  files: z.array(z.object({ path: insidePath, bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export async function readManifest(dir: string): Promise<ManifestState> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    if (error.code === 'EISDIR') return '';
    throw error;
  });
  if (text === null) return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable' };
  }
  const parsed = manifestJson.safeParse(json, PARSED_ONCE);
  if (!parsed.success) return { kind: 'unreadable' };
  return parsed.data.writing ? { kind: 'writing' } : { kind: 'complete', files: parsed.data.files, folders: parsed.data.folders };
}

/** Marks a folder apigw-sim has just made as a report being written. */
export async function writeWritingManifest(dir: string): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), toJson(true, [], []));
}

/** Lists every file and folder under `dir` (the report just written) in its manifest, replacing the `writing` one. */
export async function writeManifest(dir: string): Promise<void> {
  const files: ManifestEntry[] = [];
  const folders: string[] = [];
  for (const entry of await walk(dir)) {
    if (entry.type === 'folder') folders.push(entry.path);
    else if (entry.type === 'file') files.push({ path: entry.path, ...(await sizeAndHash(join(dir, entry.path))) });
    else throw new Error(`${join(dir, entry.path)}: a report holds files and folders only`);
  }
  const temporary = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(temporary, toJson(false, folders.sort(byPath), files.sort((a, b) => byPath(a.path, b.path))));
  await rename(temporary, join(dir, MANIFEST_FILE));
}

/** How a folder differs from its manifest, by paths inside it (`/`-separated). */
export interface ManifestCheck {
  /** files or folders the manifest does not list (or anything that is neither). */
  unlisted: string[];
  /** listed files whose size or SHA-256 is not the listed one, or that are no longer files. */
  changed: string[];
  /** listed files that are not there. */
  missing: string[];
}

/**
 * Compares `dir` with the manifest's entries. `under` (e.g. `http`) checks
 * only that sub-folder, against the entries below it: a part of a compare or
 * lesson report, whose manifest is its parent's.
 */
export async function checkAgainstManifest(dir: string, manifest: { files: readonly ManifestEntry[]; folders: readonly string[] }, under = ''): Promise<ManifestCheck> {
  const prefix = under === '' ? '' : `${under}/`;
  const files = new Map(manifest.files.filter((f) => f.path.startsWith(prefix)).map((f) => [f.path.slice(prefix.length), f]));
  const folders = new Set(manifest.folders.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)));
  const check: ManifestCheck = { unlisted: [], changed: [], missing: [] };
  const seen = new Set<string>();
  for (const entry of await walk(dir, (path) => folders.has(path))) {
    const listed = files.get(entry.path);
    if (entry.type === 'folder' && folders.has(entry.path)) continue;
    if (!listed) check.unlisted.push(prefix + entry.path);
    else if (entry.type !== 'file' || !(await matches(join(dir, entry.path), listed))) check.changed.push(prefix + entry.path);
    seen.add(entry.path);
  }
  for (const path of files.keys()) if (!seen.has(path)) check.missing.push(prefix + path);
  return check;
}

/** The manifest folder of a report `folder`: itself, or (a compare type's or a lesson variant's folder) its parent, whose manifest lists it. */
export async function reportRootOf(folder: string): Promise<{ root: string; under: string; state: ManifestState }> {
  const own = await readManifest(folder);
  if (own.kind !== 'none') return { root: folder, under: '', state: own };
  const parent = dirname(resolve(folder));
  const name = basename(resolve(folder));
  const above = await readManifest(parent);
  if (above.kind === 'complete' && above.folders.includes(name)) return { root: parent, under: name, state: above };
  return { root: folder, under: '', state: own };
}

async function sizeAndHash(path: string): Promise<{ bytes: number; sha256: string }> {
  const bytes = await readFile(path);
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

interface WalkEntry {
  path: string;
  type: 'file' | 'folder' | 'other';
}

/**
 * Every entry under `dir` but its own manifest, by `/`-path, without
 * following symbolic links (one is an `other`); a folder's contents only
 * when `enter(path)` says so (default: always).
 */
async function walk(dir: string, enter: (path: string) => boolean = () => true, under = ''): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = under === '' ? entry.name : `${under}/${entry.name}`;
    if (path === MANIFEST_FILE) continue;
    const type = entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
    out.push({ path, type });
    if (type === 'folder' && enter(path)) out.push(...(await walk(join(dir, entry.name), enter, path)));
  }
  return out;
}

async function matches(path: string, listed: ManifestEntry): Promise<boolean> {
  const found = await sizeAndHash(path);
  return found.bytes === listed.bytes && found.sha256 === listed.sha256;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function toJson(writing: boolean, folders: string[], files: ManifestEntry[]): string {
  return `${JSON.stringify({ kind: KIND, version: 1, note: NOTE, writing, folders, files }, null, 2)}\n`;
}
