/**
 * The histogram's WebAssembly module is compiled when the first histogram is
 * made, not when the module is imported (under a cap on virtual memory V8
 * cannot reserve a WebAssembly memory, and `--version` died of it), and the
 * JavaScript build it falls back to gives the same counts, percentiles and
 * encodings, so a run gives the same bytes either way.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { LatencyHistogram } from '../../src/metrics/latency-histogram.js';
import { ROOT } from '../cli/run-cli.js';

describe('LatencyHistogram: when the module is compiled', () => {
  // in a process of its own, as a command starts: the test files share their modules (isolate: false),
  // so another file may have compiled it in this one already
  it('imports without compiling anything, and compiles on the first histogram', () => {
    const script = [
      `import { histogramBuild, LatencyHistogram } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/metrics/latency-histogram.js')).href)};`,
      'const before = histogramBuild();',
      'const h = new LatencyHistogram();',
      'h.record(12.5);',
      'console.log(JSON.stringify({ before: before ?? null, after: histogramBuild(), p50: h.percentileMs(50) }));',
      'h.dispose();',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout) as { before: string | null; after: string; p50: number };
    expect(seen.before).toBeNull();
    expect(seen.after).toBe('webassembly'); // no cap here: the fast build
    expect(seen.p50).toBeCloseTo(12.5, 1);
  });
});

describe('hdr-histogram-js: the JavaScript build against the WebAssembly build', () => {
  const request = { bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 } as const;

  it.each([3, 2] as const)('records the same values into the same counts (%d significant digits): percentiles, mean, max and encoding agree exactly', (digits) => {
    new LatencyHistogram().dispose(); // the module compiled, as in a run
    const wasm = hdr.build({ ...request, numberOfSignificantValueDigits: digits, useWebAssembly: true });
    const js = hdr.build({ ...request, numberOfSignificantValueDigits: digits, useWebAssembly: false });
    expect(wasm.constructor.name).not.toBe(js.constructor.name);
    const stream = new RandomStreams(7).get('latency');
    for (let i = 0; i < 50_000; i++) {
      // log-normal microseconds from 1 µs to hours, and a value past the initial range now and then (autoResize)
      const micros = Math.round(Math.exp(4 + 3 * Math.sqrt(-2 * Math.log(1 - stream.next())) * Math.cos(2 * Math.PI * stream.next())));
      const value = i % 10_000 === 0 ? 9_000_000_000 : Math.max(1, micros);
      wasm.recordValue(value);
      js.recordValue(value);
    }
    for (const q of [0, 10, 50, 90, 99, 99.9, 99.99, 100]) expect(js.getValueAtPercentile(q), `p${q}`).toBe(wasm.getValueAtPercentile(q));
    expect(js.totalCount).toBe(wasm.totalCount);
    expect(js.maxValue).toBe(wasm.maxValue);
    expect(js.mean).toBe(wasm.mean);
    // what a shard writes and merge reads: each build decodes the other's
    const fromWasm = hdr.decodeFromCompressedBase64(hdr.encodeIntoCompressedBase64(wasm), 32, false);
    const fromJs = hdr.decodeFromCompressedBase64(hdr.encodeIntoCompressedBase64(js), 32, true);
    for (const q of [50, 99, 99.99]) {
      expect(fromWasm.getValueAtPercentile(q)).toBe(wasm.getValueAtPercentile(q));
      expect(fromJs.getValueAtPercentile(q)).toBe(wasm.getValueAtPercentile(q));
    }
    for (const h of [wasm, js, fromWasm, fromJs]) h.destroy();
  });
});
