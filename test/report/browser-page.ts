/**
 * A report page opened from disk in a real browser: Debian's chromium,
 * driven by playwright-core with no browser download (.ci/run installs it;
 * where it is missing the tests that need it are skipped, and a CI test
 * fails). What a page logged, fetched and drew, for the tests of `run`'s,
 * `compare`'s, `sweep`'s and the metastability map's report.html.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export interface DrawnCanvas {
  /** The canvas's aria-label: the chart's title. */
  label: string | null;
  /** Pixels with any paint on them. */
  painted: number;
}

export interface OpenedPage<T> {
  drawn: DrawnCanvas[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Messages of alert(), confirm() or prompt() dialogs (a script injected through a name would open one). */
  dialogs: string[];
  /** Every URL requested that is not a file: a self-contained page requests none. */
  requests: string[];
  /** The body's text. */
  text: string;
  /** What `inspect` returned. */
  inspected: T;
}

/**
 * Opens `path` in a page of 1300 × 900, waits for its first canvas, and
 * returns what it logged, fetched and drew; `inspect` looks at the page
 * before it closes, and `screenshot` keeps a picture of the whole page.
 */
export async function openReport<T = undefined>(path: string, options: { inspect?: (page: Page) => Promise<T>; screenshot?: string } = {}): Promise<OpenedPage<T>> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
    await page.goto(pathToFileURL(path).href);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0);
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return { label: canvas.getAttribute('aria-label'), painted };
      }),
    );
    const inspected = (options.inspect ? await options.inspect(page) : undefined) as T;
    const text = (await page.textContent('body')) ?? '';
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { drawn, errors, dialogs, requests, text, inspected };
  } finally {
    await browser.close();
  }
}
