/**
 * Gives hdr-histogram-js's WebAssembly module its memory up front in Node
 * (./wasm-memory.ts says why and how): the package's CommonJS module that
 * holds the binary is found with Node's require and rewritten in place.
 * The browser playground's bundler swaps this file for
 * web/src/adapters/histogram-memory.ts (the page's build of the package
 * keeps its module where nothing can rewrite it; the histograms work the
 * same, only without the saving).
 */
import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';
import { HISTOGRAM_MEMORY_PAGES, withInitialPages } from './wasm-memory.js';

/**
 * Rewrites hdr-histogram-js's embedded module (base64 of zlib data, read
 * when it is compiled) to start with `pages` pages. Call before
 * `initWebAssemblySync`. Returns whether it did.
 */
export function reserveHistogramMemory(pages = HISTOGRAM_MEMORY_PAGES): boolean {
  try {
    const generated = createRequire(import.meta.url)('hdr-histogram-js/dist/wasm/generated-wasm.js') as { BINARY?: unknown };
    if (typeof generated.BINARY !== 'string') return false;
    const patched = withInitialPages(inflateSync(Buffer.from(generated.BINARY, 'base64')), pages);
    if (patched === null || !WebAssembly.validate(patched)) return false;
    generated.BINARY = deflateSync(patched).toString('base64');
    return true;
  } catch {
    return false; // a different build of the package: it works as shipped
  }
}
