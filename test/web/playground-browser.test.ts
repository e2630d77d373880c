/**
 * The playground in a real browser (Debian's chromium driven by
 * playwright-core, no browser download), built with `vite build` into a
 * temporary folder and served from 127.0.0.1:
 *
 * - the bundle stays within its size budget (docs/playground.md);
 * - the page loads with no console error and asks nothing of any other host;
 * - the retry-storm lesson runs and its charts appear (drawn while it runs),
 *   and every variant's downloaded summary.csv is the CLI's, byte for byte;
 * - moving the retry control with the keyboard changes the goodput chart;
 * - a YAML typo shows the CLI's message and hint in the problems list and
 *   in the code editor at its line; the editor completes a key from the
 *   scenario schema and shows a field's description on hover;
 * - a shared link opens the same scenario and seed and draws the same figures.
 *
 * Every lesson is compared with the CLI in Node (playground-run.test.ts),
 * on the same core the worker runs: in the browser one lesson is enough to
 * show the bundle is that core. The figures measured (time to first chart,
 * time to finish the lesson) are printed for docs/playground.md.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../cli/run-cli.js';
import { CHROMIUM } from '../report/browser-page.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LESSON = 'scenarios/lessons/retry-storm-jitter.yaml';

/**
 * The budget docs/playground.md states: what a first visit loads before it runs (page, style, script, worker); the code editor's
 * chunk, fetched once the page has asked for its first run; and everything, with the Chart.js chunk fetched for report.html.
 */
const FIRST_LOAD_MAX_BYTES = 1_500_000;
const FIRST_LOAD_MAX_GZIP_BYTES = 480_000;
const EDITOR_MAX_BYTES = 600_000;
const EDITOR_MAX_GZIP_BYTES = 190_000;
const ALL_MAX_BYTES = 2_200_000;
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'scenario.schema.json'), 'utf8')) as { properties: Record<string, { properties?: Record<string, { description?: string }> }> };

const work = mkdtempSync(join(tmpdir(), 'apigw-sim-web-'));
const dist = join(work, 'dist');
let server: Server;
let origin = '';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

beforeAll(async () => {
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'web/vite.config.ts'), '--outDir', dist, '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(built.stderr.trim(), 'vite build').toBe('');
  expect(built.status).toBe(0);
  server = createServer((req, res) => {
    const path = join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(dist) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 300_000);

afterAll(() => server?.close());

describe('the playground bundle', () => {
  it('stays within its size budget, and its only files are the page, its style and scripts', () => {
    const files = readdirSync(join(dist, 'assets')).map((f) => join(dist, 'assets', f));
    expect(files.every((f) => /\.(js|css)$/.test(f))).toBe(true);
    const chartJs = files.filter((f) => /chart\.umd/.test(f));
    const editor = files.filter((f) => /code-editor/.test(f));
    const first = [join(dist, 'index.html'), ...files.filter((f) => !chartJs.includes(f) && !editor.includes(f))];
    const bytes = (fs: string[]) => fs.reduce((n, f) => n + statSync(f).size, 0);
    const gzip = (fs: string[]) => fs.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    console.log(`playground bundle: first load ${bytes(first)} B (${gzip(first)} B gzipped), the code editor ${bytes(editor)} B (${gzip(editor)} B gzipped), with report.html's Chart.js ${bytes([...first, ...editor, ...chartJs])} B`);
    expect(chartJs).toHaveLength(1); // Chart.js for report.html, fetched only when a report is asked for
    expect(editor).toHaveLength(1); // CodeMirror and the schema's outline, fetched once the page has asked for its first run
    // the page names neither (no preload): the first load does not wait for them
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).not.toMatch(/chart\.umd|code-editor/);
    expect(bytes(first)).toBeLessThanOrEqual(FIRST_LOAD_MAX_BYTES);
    expect(gzip(first)).toBeLessThanOrEqual(FIRST_LOAD_MAX_GZIP_BYTES);
    expect(bytes(editor)).toBeLessThanOrEqual(EDITOR_MAX_BYTES);
    expect(gzip(editor)).toBeLessThanOrEqual(EDITOR_MAX_GZIP_BYTES);
    expect(bytes([...first, ...editor, ...chartJs])).toBeLessThanOrEqual(ALL_MAX_BYTES);
  });
});

describe('the playground in a browser', () => {
  it.runIf(process.env.CI)('has chromium on CI (.ci/run installs it)', () => {
    expect(CHROMIUM).toBeDefined();
  });

  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const foreign: string[] = [];

  const watch = (p: Page) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('request', (r) => !r.url().startsWith(origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:') && foreign.push(r.url()));
  };
  const finished = (p: Page, after: number) => p.waitForFunction((n) => document.body.dataset.state === 'done' && (window as unknown as { playground: { runs: number } }).playground.runs > n, after, { timeout: 120_000 });
  const runs = (p: Page) => p.evaluate(() => (window as unknown as { playground: { runs: number } }).playground.runs);
  const text = (p: Page) => p.evaluate(() => (window as unknown as { playground: { getText(): string } }).playground.getText());
  /** Replaces the scenario's text as a user's edit does (checked and run after the pause). */
  const setText = (p: Page, value: string) => p.evaluate((v) => (window as unknown as { playground: { setText(t: string): void } }).playground.setText(v), value);
  const codeEditor = (p: Page) => p.waitForFunction(() => (window as unknown as { playground: { editor: string } }).playground.editor === 'code' && document.querySelector('#editor-box .cm-editor') !== null, null, { timeout: 30_000 });
  /** The number of the line, in the editor's line-number gutter, beside which `selector`'s first element stands. */
  const lineBeside = (p: Page, selector: string) =>
    p.evaluate((s) => {
      const target = document.querySelector(s)?.getBoundingClientRect();
      if (!target) return null;
      const middle = (target.top + target.bottom) / 2;
      const number = [...document.querySelectorAll('#editor-box .cm-lineNumbers .cm-gutterElement')].find((g) => {
        const r = g.getBoundingClientRect();
        return r.height > 0 && r.top <= middle && middle < r.bottom;
      });
      return number ? Number(number.textContent) : null;
    }, selector);
  const goodput = (p: Page) => p.evaluate(() => (window as unknown as { playground: { chartData(f: string): Array<{ label: string; points: number[][] }> } }).playground.chartData('goodput'));

  beforeAll(async () => {
    if (!CHROMIUM) return;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    watch(page);
  }, 120_000);
  afterAll(async () => browser?.close());

  it.runIf(CHROMIUM)('loads with no console error, runs the retry-storm lesson and draws its charts while it runs', async () => {
    await page.goto(`${origin}/`);
    // charts while the run goes on: a chart with points before the run is done
    await page.waitForFunction(() => {
      const w = window as unknown as { playground: { chartData(f: string): Array<{ points: unknown[] }> } };
      return document.body.dataset.state === 'running' && w.playground.chartData('goodput').some((d) => d.points.length > 0);
    }, null, { timeout: 60_000 });
    await finished(page, 0);
    const measured = await page.evaluate(() => (window as unknown as { playground: { firstChartMs: number; runMs: number } }).playground);
    console.log(`playground: first chart after ${measured.firstChartMs.toFixed(0)} ms, retry-storm-jitter (3 variants) done after ${measured.runMs.toFixed(0)} ms`);
    expect(await page.locator('#lesson-title').textContent()).toBe('A retry storm, and what stops it');
    const lines = await goodput(page);
    expect(lines.map((l) => l.label)).toEqual(['base', 'mitigated', 'jitter-only']);
    expect(lines[0].points.length).toBe(300); // 5 minutes at the default 1 s interval
    const painted = await page.evaluate(() =>
      [...document.querySelectorAll('#charts canvas')].map((c) => {
        const canvas = c as HTMLCanvasElement;
        const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
        return n;
      }),
    );
    expect(painted).toHaveLength(3);
    for (const n of painted) expect(n).toBeGreaterThan(1000);
    expect(await page.locator('#claims li.pass').count()).toBe(5);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 180_000);

  it.runIf(CHROMIUM)('downloads the summary.csv the CLI writes, for every variant', async () => {
    const out = join(work, 'cli');
    const cli = runCli(['lessons', 'run', 'retry-storm-jitter', '--out', out, '--quiet']);
    expect(cli.status, cli.stderr).toBe(0);
    for (const variant of ['base', 'mitigated', 'jitter-only']) {
      await page.selectOption('#download-variant', variant);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#downloads button[data-file="summary.csv"]')]);
      const saved = join(work, `${variant}-summary.csv`);
      await download.saveAs(saved);
      expect(download.suggestedFilename()).toBe(`${variant}-summary.csv`);
      expect(readFileSync(saved, 'utf8'), variant).toBe(readFileSync(join(out, 'retry-storm-jitter', variant, 'summary.csv'), 'utf8'));
    }
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#downloads button[data-file="report.html"]')]);
    await report.saveAs(join(work, 'report.html'));
    expect(readFileSync(join(work, 'report.html'), 'utf8')).toContain('<title>');
    expect(errors).toEqual([]);
  }, 180_000);

  it.runIf(CHROMIUM)('moving the retry control with the keyboard changes the goodput chart', async () => {
    const before = await goodput(page);
    const done = await runs(page);
    await page.focus('#p-attempts');
    await page.keyboard.press('Home'); // attempts 1: no retries, so no storm
    expect(await page.inputValue('#p-attempts')).toBe('1');
    await finished(page, done);
    expect(await text(page)).toMatch(/attempts: 1\b/);
    const after = await goodput(page);
    expect(after[0].points).not.toEqual(before[0].points);
    // without retries the base recovers after the brownout: its goodput in the last minute is back near the offered 700/s
    const tail = after[0].points.slice(-60).map((p) => p[1] ?? 0);
    const beforeTail = before[0].points.slice(-60).map((p) => p[1] ?? 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(beforeTail)).toBeLessThan(100);
    expect(mean(tail)).toBeGreaterThan(600);
    expect(errors).toEqual([]);
  }, 180_000);

  it.runIf(CHROMIUM)('a YAML typo shows the CLI\'s message and hint in the list and in the editor at its line', async () => {
    await codeEditor(page);
    const typo = readFileSync(join(ROOT, LESSON), 'utf8').replace('  timeout: 1s\n', '  timeuot: 1s\n');
    const line = typo.split('\n').findIndex((l) => l.includes('timeuot')) + 1;
    await setText(page, typo);
    await page.waitForFunction(() => document.body.dataset.state === 'invalid', null, { timeout: 30_000 });
    const shown = await page.locator('#problems .problem').allTextContents();
    // the CLI's validate on the same text, in a folder laid out like scenarios/
    const dir = join(work, 'scenarios');
    mkdirSync(join(dir, 'lessons'), { recursive: true });
    writeFileSync(join(dir, 'lessons', 'retry-storm-jitter.yaml'), typo);
    copyFileSync(join(ROOT, 'scenarios', 'retry-storm-mitigated.yaml'), join(dir, 'retry-storm-mitigated.yaml'));
    const cli = runCli(['validate', 'scenarios/lessons/retry-storm-jitter.yaml'], { cwd: work });
    expect(cli.status).toBe(2);
    expect(shown).toEqual([cli.stderr.replace(/^error: /, '').trimEnd()]);
    expect(shown[0]).toContain(`${LESSON}:${line}: clients.timeuot: unknown key "timeuot"`);
    // the list's button takes the cursor to the line (its number is the active one in the gutter), and the editor marks it
    await page.click('#problems button');
    expect(await page.locator('#editor-box .cm-activeLineGutter').first().textContent()).toBe(String(line));
    await page.locator('#editor-box .cm-lintRange-error').first().waitFor();
    expect(await page.locator('#editor-box .cm-lintRange-error').count()).toBe(1);
    expect(await page.locator('#editor-box .cm-lintRange-error').textContent()).toBe('timeuot: 1s');
    expect(await lineBeside(page, '#editor-box .cm-lintRange-error')).toBe(line);
    expect(await lineBeside(page, '#editor-box .cm-lint-marker-error')).toBe(line);
    // pointing at the mark shows the same words as the list
    await page.hover('#editor-box .cm-lintRange-error');
    await page.locator('.cm-tooltip-lint').waitFor();
    expect(await page.locator('.cm-tooltip-lint .cm-diagnosticText').allTextContents()).toEqual(shown);
    expect(errors).toEqual([]);
  }, 60_000);

  it.runIf(CHROMIUM)('the editor completes a key from the scenario schema, and shows a field\'s description on hover', async () => {
    await codeEditor(page);
    // the cursor is on the typo's line (the test above): a new line under it, in the clients mapping
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('zi');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['zipf']); // clients' only key that starts so (and not yet written)
    // the description as the reference writes it, its `code` spans set as code
    expect(await page.locator('.cm-completionInfo').textContent()).toBe(schema.properties.clients.properties?.zipf.description?.replace(/`/g, ''));
    expect(await page.locator('.cm-completionInfo code').allTextContents()).toEqual(['0']);
    // CodeMirror ignores Enter on a list shown less than 75 ms ago (interactionDelay: an Enter meant as a new line); a busy machine can get here sooner
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    const typoLine = (await text(page)).split('\n').findIndex((l) => l.includes('timeuot'));
    expect((await text(page)).split('\n').slice(typoLine, typoLine + 2)).toEqual(['  timeuot: 1s', '  zipf: ']);
    await page.keyboard.type('1');
    // pointing at a key shows its field's description, from the schema
    const key = await page.evaluate(() => {
      const line = [...document.querySelectorAll('#editor-box .cm-line')].find((l) => l.textContent === '  count: 50');
      const walker = document.createTreeWalker(line as Node, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf('count');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 1);
        range.setEnd(node, at + 4);
        const r = range.getBoundingClientRect();
        return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
      }
      return null;
    });
    expect(key).not.toBeNull();
    await page.mouse.move(key!.x, key!.y);
    await page.locator('.cm-tooltip-hover .cm-schema-hover').waitFor();
    expect(await page.locator('.cm-schema-hover strong').textContent()).toBe('clients.count');
    expect(await page.locator('.cm-schema-hover p').first().textContent()).toBe(schema.properties.clients.properties?.count.description?.replace(/`/g, ''));
    // Tab leaves the editor for the next control (the problems list's button), as it does everywhere on the page
    await page.focus('#editor-box .cm-content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#problems') !== null)).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it.runIf(CHROMIUM)('keeps the plain text area, and says so, when the editor\'s chunk cannot be loaded', async () => {
    const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await other.route(/code-editor-[^/]*\.js$/, (route) => route.abort());
    await other.goto(`${origin}/`);
    await other.locator('#editor-note').filter({ hasText: 'could not be loaded' }).waitFor({ timeout: 30_000 });
    expect(await other.inputValue('#editor')).toBe(readFileSync(join(ROOT, LESSON), 'utf8'));
    expect(await other.locator('.cm-editor').count()).toBe(0);
    await other.close();
  }, 60_000);

  it.runIf(CHROMIUM)('a shared link opens the same scenario and seed and draws the same figures', async () => {
    const edited = await runs(page);
    // two minutes, not the lesson's five (its brownout starts at 60 s): the link carries any text and seed, and the three runs are shorter
    await setText(page, readFileSync(join(ROOT, LESSON), 'utf8').replace('rate: 700/s', 'rate: 650/s').replace(/^duration: 5m$/m, 'duration: 2m'));
    await finished(page, edited); // the edit's own run (after its pause), before the seed's: nothing may start after the figures are read
    const done = await runs(page);
    await page.fill('#seed', '11');
    await page.press('#seed', 'Enter'); // commits the seed: one change event, one run
    await finished(page, done);
    const seeded = await runs(page);
    await page.click('#share'); // the seed box loses focus here: no second run may start
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('done');
    const url = await page.inputValue('#share-url');
    expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);
    const figures = await page.locator('#figures').textContent();
    const line = await goodput(page);
    expect(await runs(page)).toBe(seeded);
    // a point a second: the edited two minutes, and the five of the mitigated variant (a file of its own)
    expect(line.map((l) => l.points.length)).toEqual([120, 300, 120]);
    const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    watch(other);
    await other.goto(url);
    await finished(other, 0);
    expect(await other.inputValue('#seed')).toBe('11');
    expect(await text(other)).toContain('rate: 650/s');
    expect(await text(other)).toMatch(/^duration: 2m$/m);
    expect(await other.locator('#figures').textContent()).toBe(figures);
    expect(await goodput(other)).toEqual(line);
    // another lesson picked is a scenario opened, not an edit: undo in the editor does not bring the link's text back
    await codeEditor(other);
    await other.selectOption('#lesson', 'cold-starts');
    const opened = await text(other);
    expect(opened).toBe(readFileSync(join(ROOT, 'scenarios/lessons/cold-starts.yaml'), 'utf8'));
    await other.focus('#editor-box .cm-content');
    await other.keyboard.press('Control+z');
    expect(await text(other)).toBe(opened);
    await other.close();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 180_000);
});
