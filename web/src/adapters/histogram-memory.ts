/**
 * The browser twin of src/metrics/histogram-memory.ts (web/vite.config.ts
 * swaps it in): the page's build of hdr-histogram-js keeps its WebAssembly
 * module inside its own bundle, where it cannot be rewritten, so the
 * histograms start with the module's own memory. Same counts, same
 * percentiles; only V8's typed-array saving is lost.
 */
export function reserveHistogramMemory(): boolean {
  return false;
}
