/**
 * One writer at a time per output folder: a lock file beside it,
 * `.NAME.apigw-sim-lock`, created with O_EXCL (`open(..., 'wx')`) and holding
 * the writer's pid, host, process start time and a token. The lock is taken
 * before the simulation and released once the report is in place, or when
 * the process exits.
 *
 * A lock whose writer is gone is stale and taken over: on the same host, its
 * pid no longer runs, or runs a process that started at another time (the
 * pid was reused; Linux's /proc tells). A lock from another host (a shared
 * volume) is never judged stale: the error names the file to delete.
 *
 * Not proper-lockfile: it judges staleness by the lock's age, which the
 * holder refreshes on a timer. A simulation runs synchronously on the main
 * thread for minutes (compare, lessons); the timer would not fire and a
 * second writer would take the lock from a live run (the failure
 * ipfs/js-ipfs-repo#182 met). O_EXCL needs NFSv3 or later on a network
 * volume, as any lock file does.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { link, open, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { OutputPathError } from './output-path-error.js';

interface LockOwner {
  pid: number;
  host: string;
  /** the process's start time in clock ticks since boot (Linux), or null */
  started: string | null;
  since: string;
  token: string;
}

interface HeldLock {
  path: string;
  token: string;
  /** folders made to hold the lock (--out a/b/c with no a): removed again when left empty */
  createdFolders: string[];
}

/** A lock file being written (or left empty by a writer killed at that instant) is someone's for this long. */
const UNREADABLE_LOCK_MS = 10_000;
const held = new Map<string, HeldLock>();

export const lockPathOf = (target: string): string => join(dirname(target), `.${basename(target)}.apigw-sim-lock`);

/** Whether this process holds the lock of `target` (a resolved path). */
export const holdsOutputLock = (target: string): boolean => held.has(target);

/**
 * Takes the lock of `target` (a resolved path; `shownAs` is how the user gave
 * it), or throws OutputPathError "another run is writing to ...".
 */
export async function acquireOutputLock(target: string, shownAs: string, createdFolders: string[] = []): Promise<void> {
  if (held.has(target)) return;
  const path = lockPathOf(target);
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: startTimeOf(process.pid), since: new Date().toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, `${JSON.stringify(owner)}\n`)) {
      held.set(target, { path, token: owner.token, createdFolders });
      releaseAtExit();
      return;
    }
    const found = await readLock(path);
    if (found === null) continue; // released meanwhile: try again
    if (!isStale(found)) {
      const who = found.owner ? ` (process ${found.owner.pid} on ${found.owner.host}, since ${found.owner.since})` : '';
      throw new OutputPathError(`another run is writing to ${shownAs}${who}`, `wait for it to finish, or give another --out; if no apigw-sim is running there, delete its lock file ${path}`);
    }
    await breakStaleLock(path, found.ino);
  }
  throw new OutputPathError(`another run is writing to ${shownAs}`, `wait for it to finish, or give another --out; if no apigw-sim is running there, delete its lock file ${path}`);
}

/** Releases the lock of `target` if this process holds it, and removes the folders made for it that are still empty. */
export async function releaseOutputLock(target: string): Promise<void> {
  const lock = held.get(target);
  if (!lock) return;
  held.delete(target);
  const content = await readLockText(lock.path);
  if (content?.includes(lock.token)) await unlink(lock.path).catch(() => {});
  for (const folder of [...lock.createdFolders].reverse()) await rmdir(folder).catch(() => {});
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await file.writeFile(content);
  } finally {
    await file.close();
  }
  return true;
}

interface FoundLock {
  owner: LockOwner | null;
  ino: number;
  ageMs: number;
}

async function readLock(path: string): Promise<FoundLock | null> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { ino, mtimeMs } = await file.stat();
    return { owner: parseOwner(await file.readFile('utf8')), ino, ageMs: Date.now() - mtimeMs };
  } finally {
    await file.close();
  }
}

async function readLockText(path: string): Promise<string | null> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return null;
  try {
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' ? (value as LockOwner) : null;
  } catch {
    return null;
  }
}

function isStale({ owner, ageMs }: FoundLock): boolean {
  if (!owner) return ageMs > UNREADABLE_LOCK_MS;
  if (owner.host !== hostname()) return false;
  // this process holds no lock on this path (acquire checked): an earlier process had our pid (a container's pid 1)
  if (owner.pid === process.pid) return true;
  if (!isRunning(owner.pid)) return true;
  const started = startTimeOf(owner.pid);
  return owner.started !== null && started !== null && started !== owner.started;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (after the command name, which may hold spaces and parentheses); null off Linux. */
function startTimeOf(pid: number): string | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Moves a stale lock out of the way. Two writers may find the same stale
 * lock: the one that moves a lock the other has meanwhile created (another
 * inode than the stale one) puts it back.
 */
async function breakStaleLock(path: string, staleIno: number): Promise<void> {
  const aside = `${path}.stale.${process.pid}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((await stat(aside)).ino !== staleIno) await link(aside, path).catch(() => {});
  await unlink(aside);
}

let hooked = false;

/** A command that fails (or exits) between taking the lock and writing its report leaves no lock behind. */
function releaseAtExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const lock of held.values()) {
      try {
        if (readFileSync(lock.path, 'utf8').includes(lock.token)) unlinkSync(lock.path);
      } catch {
        // gone already
      }
      for (const folder of [...lock.createdFolders].reverse()) {
        try {
          rmdirSync(folder);
        } catch {
          // not empty, or gone
        }
      }
    }
    held.clear();
  });
}
