/**
 * The histogram module's memory is reserved up front (src/metrics/wasm-memory.ts):
 * the rewrite of a module's memory section, on modules written out here byte
 * by byte, and on the hdr-histogram-js build that is installed.
 */
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/metrics/latency-histogram.js';
import { reserveHistogramMemory } from '../../src/metrics/histogram-memory.js';
import { HISTOGRAM_MEMORY_PAGES, WASM_PAGE_BYTES, withInitialPages } from '../../src/metrics/wasm-memory.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** Export section: one export, "memory", of memory 0. */
const EXPORT_MEMORY = [0x07, 0x0a, 0x01, 0x06, ...Buffer.from('memory'), 0x02, 0x00];
/** Type section with one function type () -> i32, so a module has a section before the memory's. */
const ONE_TYPE = [0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f];

function module(...sections: number[][]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

function memoryBytes(binary: Uint8Array): number {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary as Uint8Array<ArrayBuffer>));
  return (instance.exports.memory as WebAssembly.Memory).buffer.byteLength;
}

describe('withInitialPages', () => {
  it('raises the initial size of a memory without a maximum, leaving the other sections as they were', () => {
    const original = module(ONE_TYPE, [0x05, 0x03, 0x01, 0x00, 0x01], EXPORT_MEMORY);
    expect(memoryBytes(original)).toBe(WASM_PAGE_BYTES);
    const patched = withInitialPages(original, 300) as Uint8Array;
    expect(WebAssembly.validate(patched as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(memoryBytes(patched)).toBe(300 * WASM_PAGE_BYTES); // 300 takes two bytes of LEB128: the section's size was rewritten
    expect([...patched.subarray(0, HEADER.length + ONE_TYPE.length)]).toEqual([...HEADER, ...ONE_TYPE]);
    expect([...patched.subarray(patched.length - EXPORT_MEMORY.length)]).toEqual(EXPORT_MEMORY);
  });

  it('stays within a declared maximum, and never shrinks a memory', () => {
    const capped = module([0x05, 0x04, 0x01, 0x01, 0x01, 0x08], EXPORT_MEMORY);
    expect(memoryBytes(withInitialPages(capped, 300) as Uint8Array)).toBe(8 * WASM_PAGE_BYTES);
    const large = module([0x05, 0x04, 0x01, 0x00, 0x90, 0x03], EXPORT_MEMORY); // 400 pages
    expect(memoryBytes(withInitialPages(large, 16) as Uint8Array)).toBe(400 * WASM_PAGE_BYTES);
  });

  it('refuses what it cannot rewrite: no memory, a truncated module, a shared memory', () => {
    expect(withInitialPages(module(ONE_TYPE), 16)).toBeNull();
    expect(withInitialPages(module([0x05, 0x03, 0x01, 0x00]), 16)).toBeNull();
    expect(withInitialPages(module([0x05, 0x04, 0x01, 0x03, 0x01, 0x08]), 16)).toBeNull();
    expect(withInitialPages(Uint8Array.from(HEADER.slice(0, 4)), 16)).toBeNull();
  });
});

describe('the installed hdr-histogram-js', () => {
  it('compiles a module that starts with the reserved memory, and its histograms still work', () => {
    // the first histogram rewrote the embedded module (not the import: see latency-histogram.test.ts); this is what hdr-histogram-js compiled
    new LatencyHistogram().dispose();
    const generated = createRequire(import.meta.url)('hdr-histogram-js/dist/wasm/generated-wasm.js') as { BINARY: string };
    const binary = new Uint8Array(inflateSync(Buffer.from(generated.BINARY, 'base64')));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { abort: () => undefined } });
    expect((instance.exports.memory as WebAssembly.Memory).buffer.byteLength).toBe(HISTOGRAM_MEMORY_PAGES * WASM_PAGE_BYTES);
    expect(reserveHistogramMemory()).toBe(true); // again: the layout is still one it understands

    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) histogram.record(i);
    expect(histogram.percentileMs(50)).toBeCloseTo(500, -1);
    histogram.dispose();
  });
});
