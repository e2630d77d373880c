/**
 * Gives hdr-histogram-js's WebAssembly module its memory up front, so that
 * memory never grows during a run.
 *
 * Why: growing a `WebAssembly.Memory` detaches its old ArrayBuffer, and the
 * first detach anywhere in a process makes V8 drop an assumption for good
 * (its "array buffer detaching" protector): from then on every typed-array
 * read and write in optimized code also loads its buffer and tests whether
 * it was detached. The module is built with one 64 KiB page and grows on
 * the first histogram; our event queue, deadline rings and counters all
 * live in typed arrays, and would all pay that test.
 *
 * How: the module defines its own memory (it imports none), so the only
 * place to ask for more is the module's memory section: its initial page
 * count is rewritten before hdr-histogram-js compiles the module. The pages
 * are reserved, not touched, so they add no resident memory. A run that
 * needs more still grows, correctly, only without the saving. Anything
 * unexpected in the binary leaves it as it was.
 *
 * This file reads and rewrites bytes only; ./histogram-memory.ts finds the
 * package's module (in Node) and puts the rewritten one in its place.
 */

export const WASM_PAGE_BYTES = 65_536;
const MEMORY_SECTION = 5;
const HEADER_BYTES = 8; // "\0asm" and the version

/** 16 MiB: many times what one run's histograms take (under 1 MiB), so the memory never grows. */
export const HISTOGRAM_MEMORY_PAGES = 256;

/** The bytes of a WebAssembly module whose one defined memory starts at `pages` pages; null if it has no such memory or does not parse. */
export function withInitialPages(binary: Uint8Array, pages: number): Uint8Array<ArrayBuffer> | null {
  if (binary.length < HEADER_BYTES || !Number.isInteger(pages) || pages < 1) return null;
  const parts: Uint8Array[] = [binary.subarray(0, HEADER_BYTES)];
  let found = false;
  let at = HEADER_BYTES;
  while (at < binary.length) {
    const start = at;
    const id = binary[at++];
    const size = readLeb(binary, at);
    if (size === null) return null;
    at = size.next;
    const end = at + size.value;
    if (end > binary.length) return null;
    if (id === MEMORY_SECTION) {
      const body = memoryBody(binary.subarray(at, end), pages);
      if (body === null) return null;
      parts.push(Uint8Array.of(MEMORY_SECTION, ...leb(body.length)), body);
      found = true;
    } else {
      parts.push(binary.subarray(start, end));
    }
    at = end;
  }
  return found ? concat(parts) : null;
}

/** The parts end to end, in one new array. */
function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A memory section's body with its one memory's initial size raised to `pages` (at most its maximum); null unless it holds exactly one plain memory. */
function memoryBody(body: Uint8Array, pages: number): Uint8Array | null {
  const count = readLeb(body, 0);
  if (count === null || count.value !== 1) return null;
  const flags = body[count.next];
  if (flags !== 0 && flags !== 1) return null; // 0: no maximum, 1: a maximum; shared and 64-bit memories are left alone
  const initial = readLeb(body, count.next + 1);
  if (initial === null) return null;
  let wanted = Math.max(pages, initial.value);
  let maximumBytes: Uint8Array = new Uint8Array(0);
  let end = initial.next;
  if (flags === 1) {
    const maximum = readLeb(body, initial.next);
    if (maximum === null) return null;
    wanted = Math.min(wanted, maximum.value);
    maximumBytes = body.subarray(initial.next, maximum.next);
    end = maximum.next;
  }
  if (end !== body.length) return null;
  return Uint8Array.of(1, flags, ...leb(wanted), ...maximumBytes);
}

function readLeb(bytes: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++) {
    const byte = bytes[i];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
  }
  return null;
}

function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}
