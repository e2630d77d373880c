/**
 * report.html in a real browser (Debian's chromium, driven by playwright-core
 * with no browser download): it opens from disk with no network, logs no
 * error, draws every chart, and shows a hostile scenario name as text.
 * A screenshot is left in the test's temporary folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { escapeHtml, scriptJson } from '../../src/report/html-page.js';
import { runCli } from '../cli/run-cli.js';
import { CHROMIUM, openReport } from './browser-page.js';


describe('escaping', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('keeps </script> out of embedded JSON', () => {
    const json = scriptJson({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script>');
  });
});

describe('report.html in a browser', () => {
  it.runIf(process.env.CI)('has chromium on CI (.ci/run installs it)', () => {
    expect(CHROMIUM).toBeDefined();
  });

  it.runIf(CHROMIUM)('loads offline with no console error, draws every chart, and renders a hostile name as text', async () => {
    const work = mkdtempSync(join(tmpdir(), 'apigw-sim-html-'));
    const hostile = '<script>alert(1)</script>';
    const scenario = join(work, 'hostile.yaml');
    writeFileSync(
      scenario,
      `name: hostile
description: "${hostile} & <b>bold</b>"
duration: 30s
load: { rate: 200/s, keys: { count: 50 } }
api: { type: rest, cache: { size: 0.5GB } }
integration: { type: lambda, duration: { p50: 30ms, p99: 120ms } }
failures: [{ at: 10s, for: 5s, target: integration, errorRate: 0.5 }]
`,
    );
    const out = join(work, 'out');
    expect(runCli(['run', scenario, '--out', out, '--quiet']).status).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // nothing fetched

    const page = await openReport(join(out, 'report.html'), { screenshot: join(work, 'report.png') });
    console.log(`report screenshot: ${join(work, 'report.png')}`);
    expect(page.errors).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.drawn.map((d) => d.label)).toEqual(expect.arrayContaining(['Attempt outcomes per second', 'Cache hit ratio over time', 'Monthly cost by service']));
    for (const d of page.drawn) expect(d.painted, d.label ?? '').toBeGreaterThan(5000);
    expect(page.text).toContain(`${hostile} & <b>bold</b>`);
  });

  it.runIf(CHROMIUM)('on a retry storm: the time charts span the whole run, the latency line has gaps, the dashed line has a dashed legend swatch, the cards show the worse p99', async () => {
    const work = mkdtempSync(join(tmpdir(), 'apigw-sim-html-storm-'));
    const scenario = join(work, 'storm.yaml');
    // the back end is down from 10 s to 20 s and clients retry into it: requests give up, none succeeds then
    writeFileSync(
      scenario,
      `name: storm
duration: 30s
load: { rate: 100/s }
clients: { timeout: 1s, retry: { attempts: 3, on: [5xx, timeout], backoff: { base: 100ms, jitter: none } } }
api: { type: rest }
integration: { type: http, servers: 10, service: { mean: 10ms } }
failures: [{ at: 10s, for: 10s, target: integration, outage: true }]
`,
    );
    const out = join(work, 'out');
    expect(runCli(['run', scenario, '--out', out, '--quiet']).status).toBe(0);
    interface Seen {
      label: string;
      x: [number, number];
      nulls: number;
      legend: Array<{ text: string; pointStyle: unknown; lineDash?: number[] }>;
    }
    const inspect = async (page: Page): Promise<{ charts: Seen[]; figures: string | null }> => ({
      charts: await page.evaluate(() =>
        Object.values((window as unknown as { Chart: { instances: Record<string, any> } }).Chart.instances).map((chart) => ({
          label: chart.canvas.getAttribute('aria-label'),
          x: [chart.scales.x.min, chart.scales.x.max],
          nulls: chart.data.datasets.reduce((n: number, d: { data: Array<{ y: unknown }> }) => n + d.data.filter((p) => p.y === null).length, 0),
          legend: chart.legend.legendItems.map((i: Record<string, unknown>) => ({ text: i.text, pointStyle: i.pointStyle, lineDash: i.lineDash })),
        })),
      ),
      figures: await page.textContent('.figures'),
    });
    const page = await openReport(join(out, 'report.html'), { inspect });
    const { charts, figures } = page.inspected;
    expect(page.errors).toEqual([]);
    const chart = (label: string) => charts.find((c) => c.label === label) as Seen;
    for (const label of ['Attempt outcomes per second', 'Offered load, attempts and goodput', 'Latency of successful requests over time']) expect(chart(label).x, label).toEqual([0, 30]);
    expect(chart('Latency of successful requests over time').nulls).toBeGreaterThan(0);
    const outcomes = chart('Attempt outcomes per second').legend;
    expect(outcomes.find((i) => i.text === 'gave up (requests)')).toEqual({ text: 'gave up (requests)', pointStyle: 'line', lineDash: [6, 4] });
    expect(outcomes.find((i) => i.text === '2xx')?.pointStyle).toBe('rect');
    expect(figures).toMatch(/p99, all requests \(successful ones: [\d.]+ ms\)/);
    expect(figures).toMatch(/requests that failed \(.*gave up after retries [\d.]+ %.*\)/);
  });
});
