/**
 * A scenario and its seed in a URL fragment: JSON, deflated (fflate) and
 * written in base64url, so a link carries the exact text and opening it
 * reproduces the same run. The fragment never reaches a server.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';

export interface Shared {
  /** The scenario's YAML, as edited. */
  text: string;
  /** Its file name (a lesson's, so its variants' files resolve and reports name it). */
  file: string;
  seed?: number;
}

const toBase64Url = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

export function encodeShared(shared: Shared): string {
  return `s=${toBase64Url(zlibSync(strToU8(JSON.stringify(shared)), { level: 9 }))}`;
}

/** The shared scenario of a fragment (`#s=...`), or null when it holds none or cannot be read. */
export function decodeShared(fragment: string): Shared | null {
  const match = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(fragment);
  if (!match) return null;
  try {
    const value = JSON.parse(strFromU8(unzlibSync(fromBase64Url(match[1])))) as Partial<Shared>;
    if (typeof value.text !== 'string' || typeof value.file !== 'string') return null;
    return { text: value.text, file: value.file, ...(Number.isSafeInteger(value.seed) ? { seed: value.seed } : {}) };
  } catch {
    return null;
  }
}
