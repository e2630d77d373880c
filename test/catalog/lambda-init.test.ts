/**
 * The bundled INIT table (src/catalog/lambda-init.json): it passes its
 * schema, every row carries its source and the dates of its measurements,
 * its figures are consistent with each other, and a memory size between two
 * measured ones gets the geometric interpolation docs/lambda-runtimes.md
 * describes (the nearest measured size outside them).
 */
import { describe, expect, it } from 'vitest';
import { bundledLambdaInit, lambdaInitAge, lambdaInitAt, lambdaInitTableSchema, lambdaRuntimeNames } from '../../src/catalog/lambda-init.js';
import raw from '../../src/catalog/lambda-init.json' with { type: 'json' };

const { table, rows } = bundledLambdaInit();

describe('the Lambda INIT table', () => {
  it('passes its schema, and the schema refuses a row without its numbers or a runtime without its source', () => {
    expect(lambdaInitTableSchema.safeParse(raw).success).toBe(true);
    const first = Object.keys(raw.runtimes)[0] as keyof typeof raw.runtimes;
    const noSource = structuredClone(raw) as { runtimes: Record<string, { source?: string; rows: unknown[][] }> };
    delete noSource.runtimes[first].source;
    expect(lambdaInitTableSchema.safeParse(noSource).success).toBe(false);
    const shortRow = structuredClone(raw) as { runtimes: Record<string, { rows: unknown[][] }> };
    shortRow.runtimes[first].rows[0] = shortRow.runtimes[first].rows[0].slice(0, 5);
    expect(lambdaInitTableSchema.safeParse(shortRow).success).toBe(false);
  });

  it('has the runtimes the issue names, at four memory sizes on both architectures, zip and image', () => {
    for (const runtime of ['nodejs22.x', 'python3.13', 'java21', 'dotnet8', 'ruby3.3', 'provided.al2023/rust', 'provided.al2023/go']) {
      expect(lambdaRuntimeNames(), runtime).toContain(runtime);
      const of = rows.filter((r) => r.runtime === runtime);
      expect(new Set(of.map((r) => `${r.architecture} ${r.packageType} ${r.memoryMb}`)).size, runtime).toBe(16);
    }
  });

  it('gives every row its source and dates inside the window, and consistent figures', () => {
    for (const r of rows) {
      const at = `${r.runtime} ${r.architecture} ${r.memoryMb}MB ${r.packageType}`;
      expect(r.source, at).toMatch(/^https:\/\/github\.com\/maxday\/lambda-perf\//);
      expect(r.from <= r.to && r.from >= table.window.from && r.to <= table.window.to, at).toBe(true);
      // 10 cold starts a day: never more samples than days covered allow
      expect(r.samples, at).toBeLessThanOrEqual(10 * table.window.days);
      expect(r.samples, at).toBeGreaterThanOrEqual(100);
      expect(r.p50Ms <= r.p90Ms && r.p90Ms <= r.p99Ms, at).toBe(true);
      expect(r.p50LowMs <= r.p50Ms && r.p50Ms <= r.p50HighMs, at).toBe(true);
    }
  });

  it('takes a measured size as it is, interpolates geometrically between two, and holds the nearest outside them', () => {
    const q = { runtime: 'java21', architecture: 'x86_64', packageType: 'zip' } as const;
    const at = (memoryMb: number) => rows.find((r) => r.runtime === q.runtime && r.architecture === q.architecture && r.packageType === q.packageType && r.memoryMb === memoryMb)!;
    expect(lambdaInitAt({ ...q, memoryMb: 512 })).toMatchObject({ basis: 'measured', p50Ms: at(512).p50Ms, p99Ms: at(512).p99Ms });
    // 724 MB is halfway between 512 and 1024 on a log scale: the geometric mean of the two rows
    const mid = lambdaInitAt({ ...q, memoryMb: Math.round(Math.sqrt(512 * 1024)) })!;
    expect(mid.basis).toBe('interpolated');
    expect(mid.p50Ms).toBeCloseTo(Math.sqrt(at(512).p50Ms * at(1024).p50Ms), 0);
    expect(mid.p99Ms).toBeCloseTo(Math.sqrt(at(512).p99Ms * at(1024).p99Ms), 0);
    expect(lambdaInitAt({ ...q, memoryMb: 3008 })).toMatchObject({ basis: 'nearest', p50Ms: at(1024).p50Ms });
    expect(lambdaInitAt({ ...q, runtime: 'nodejs0.x', memoryMb: 512 })).toBeUndefined();
  });

  it('says how old its measurements are', () => {
    const day = Date.parse(table.window.to);
    expect(lambdaInitAge(new Date(day + 30 * 86_400_000)).days).toBe(30);
    expect(lambdaInitAge(new Date(day)).to).toBe(table.window.to);
  });
});
