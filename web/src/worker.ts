/**
 * The simulator in a Web Worker: parses, runs and bills a scenario with the
 * CLI's own code (core/playground-run.ts), posting the time series as
 * simulated time advances (about every 50 ms of wall time), so the page
 * draws while the run goes on and never freezes. A run cannot be paused
 * half-way: the page stops one by ending this worker and starting another.
 */
import type { IntervalRow, TimeSeries } from '../../src/metrics/time-series.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import { parseScenarioText } from '../../src/scenario/scenario-text.js';
import { compareFrontDoors, planPlayground, runFiles, runHtml, runPlayground, type PlaygroundRun } from './core/playground-run.js';
import { parameterValues } from './core/parameters.js';
import { withParameter } from './core/parameter-text.js';
import { loadBrowserBuilds } from './adapters/browser-builds.js';
import { FILES } from './library.js';
import type { ChartPoint, FromWorker, LessonView, ToWorker, VariantView } from './protocol.js';

const POST_EVERY_MS = 50;
let last: PlaygroundRun | null = null;

const post = (message: FromWorker) => postMessage(message);

function point(row: IntervalRow): ChartPoint {
  const seconds = (row.endMs - row.startMs) / 1000;
  let attempts = 0;
  for (const label in row.outcomes) attempts += row.outcomes[label];
  return { t: row.endMs / 1000, offered: row.arrivals / seconds, attempts: attempts / seconds, goodput: row.requestsOk / seconds, p99: row.p99Ms };
}

function pointsFrom(series: TimeSeries, from: number): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (let i = from; i < series.length; i++) out.push(point(series.row(i)));
  return out;
}

function lessonView(lesson: PlaygroundRun['lesson']): LessonView | null {
  return lesson ? { title: lesson.title, question: lesson.question, explanation: lesson.explanation, examSignal: lesson.examSignal } : null;
}

function failed(id: number, error: unknown): FromWorker {
  if (error instanceof ScenarioError) return { type: 'failed', id, problems: error.problems, message: error.message };
  return { type: 'failed', id, problems: [], message: error instanceof Error ? error.message : String(error) };
}

function run(id: number, text: string, file: string, seed: number | undefined): void {
  const started = performance.now();
  const { loaded, variants } = planPlayground(text, file, FILES);
  post({ type: 'planned', id, variants: variants.map((v) => v.name), durationS: loaded.scenario.duration / 1000, lesson: lessonView(loaded.scenario.lesson ?? null) });
  let sent = 0;
  let current = -1;
  let postedAt = 0;
  last = runPlayground({
    text,
    file,
    seed,
    files: FILES,
    progress: (variant, simulatedMs, durationMs, series) => {
      if (variant !== current) {
        current = variant;
        sent = 0;
      }
      const now = performance.now();
      if (now - postedAt < POST_EVERY_MS && simulatedMs < durationMs) return;
      postedAt = now;
      post({ type: 'progress', id, variant, simulatedS: simulatedMs / 1000, points: pointsFrom(series, sent) });
      sent = series.length;
    },
  });
  // every variant's full series at the end: the drain after the last interval adds no rows, but a throttled post may have skipped the tail
  last.variants.forEach((v, i) => post({ type: 'progress', id, variant: i, simulatedS: v.input.series.length, points: pointsFrom(v.input.series, 0) }));
  post({ type: 'done', id, variants: last.variants.map(view), claims: last.claims, elapsedMs: performance.now() - started });
}

function view(v: PlaygroundRun['variants'][number]): VariantView {
  const s = v.input.summary;
  const cost = v.cost;
  return {
    name: v.name,
    file: v.file,
    seed: v.input.seed,
    figures: { offered: s.requests.offered, okShare: s.requests.ok / Math.max(1, s.requests.offered), p50: s.latencyMs.ok.p50, p99: s.latencyMs.ok.p99, p99All: s.latencyMs.all.p99, amplification: s.attempts.amplification, errorRatio: s.requests.errorRatio, coldStarts: s.events.coldStarts ?? 0 },
    cost: { totalUsd: cost.totalUsd, basis: cost.basis, region: cost.region, effectiveDate: cost.effectiveDate, lines: cost.lines.map((l) => ({ service: l.service, item: l.item, usd: l.usd })) },
  };
}

function check(id: number, text: string, file: string): void {
  try {
    const { loaded } = planPlayground(text, file, FILES);
    post({ type: 'checked', id, problems: [], message: '', values: parameterValues(loaded.scenario), lesson: lessonView(loaded.scenario.lesson ?? null), seed: loaded.scenario.seed });
  } catch (error) {
    const f = failed(id, error) as Extract<FromWorker, { type: 'failed' }>;
    post({ type: 'checked', id, problems: f.problems, message: f.message, values: null, lesson: null, seed: null });
  }
}

onmessage = async (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  try {
    if (m.type === 'file' && m.name === 'report.html') await loadBrowserBuilds();
    if (m.type === 'run') run(m.id, m.text, m.file, m.seed);
    else if (m.type === 'check') check(m.id, m.text, m.file);
    else if (m.type === 'set') post({ type: 'set', id: m.id, text: withParameter(m.text, parseScenarioText(m.text, m.file).scenario, m.parameter, m.value) });
    else if (m.type === 'file') {
      const v = last?.variants.find((candidate) => candidate.name === m.variant);
      if (!v) throw new Error(`no finished run of "${m.variant}" to download`);
      const text = m.name === 'report.html' ? runHtml(v) : runFiles(v)[m.name as keyof ReturnType<typeof runFiles>];
      post({ type: 'file', id: m.id, name: m.name, text });
    } else if (m.type === 'compare') {
      const rows = compareFrontDoors(m.text, m.file, m.seed).map((c) => ({ type: c.type, skipped: c.skipped, okShare: c.okShare, p50: c.p50Ms, p99: c.p99Ms, amplification: c.amplification, totalUsd: c.cost?.totalUsd ?? NaN }));
      post({ type: 'compared', id: m.id, rows });
    }
  } catch (error) {
    post(failed(m.id, error));
  }
};
