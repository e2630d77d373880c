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
import type { Lesson } from '../../src/experiment/lesson-plan.js';
import { addLessonCard, compareFrontDoors, lessonClaims, planPlayground, runFiles, runHtml, runVariantAt, type PlaygroundProgress, type PlaygroundRun, type VariantRun } from './core/playground-run.js';
import { parameterValues } from './core/parameters.js';
import { withParameter } from './core/parameter-text.js';
import { loadBrowserBuilds } from './adapters/browser-builds.js';
import { FILES } from './library.js';
import type { ChartPoint, FromWorker, LessonView, ToWorker, VariantView } from './protocol.js';

const POST_EVERY_MS = 50;
/** This worker's finished variants, by name (for downloads), and the lesson they belong to. */
const held = new Map<string, VariantRun>();
let lesson: Lesson | null = null;

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

function run(id: number, text: string, file: string, seed: number | undefined, indices: number[] | undefined): void {
  const started = performance.now();
  const plan = planPlayground(text, file, FILES);
  lesson = plan.loaded.scenario.lesson ?? null;
  held.clear();
  post({ type: 'planned', id, variants: plan.variants.map((v) => v.name), durationS: plan.loaded.scenario.duration / 1000, lesson: lessonView(lesson) });
  const request = { text, file, seed, files: FILES, progress: throttled(id) };
  for (const index of indices ?? plan.variants.map((_, i) => i)) {
    const ran = runVariantAt(request, index, plan);
    held.set(ran.name, ran.run);
    // the variant's full series at its end: a throttled post may have skipped the tail
    post({ type: 'progress', id, variant: index, simulatedS: plan.variants[index].scenario.duration / 1000, points: pointsFrom(ran.run.input.series, 0) });
    post({ type: 'variant', id, index, view: view(ran.run), figures: ran.figures });
  }
  post({ type: 'done', id, elapsedMs: performance.now() - started });
}

/** Posts each variant's new rows at most every POST_EVERY_MS of wall time, and at its end. */
function throttled(id: number): PlaygroundProgress {
  let sent = 0;
  let current = -1;
  let postedAt = 0;
  return (variant, simulatedMs, durationMs, series) => {
    if (variant !== current) {
      current = variant;
      sent = 0;
    }
    const now = performance.now();
    if (now - postedAt < POST_EVERY_MS && simulatedMs < durationMs) return;
    postedAt = now;
    post({ type: 'progress', id, variant, simulatedS: simulatedMs / 1000, points: pointsFrom(series, sent) });
    sent = series.length;
  };
}

function view(v: VariantRun): VariantView {
  const s = v.input.summary;
  const cost = v.cost;
  return {
    name: v.name,
    file: v.file,
    seed: v.input.seed,
    figures: { offered: s.requests.offered, okShare: s.requests.ok / Math.max(1, s.requests.offered), p50: s.latencyMs.ok.p50, p99: s.latencyMs.ok.p99, p99All: s.latencyMs.all.p99, amplification: s.attempts.amplification, errorRatio: s.requests.errorRatio, coldStarts: s.events['lambda.coldStarts'] ?? 0 },
    cost: { totalUsd: cost.totalUsd, basis: cost.basis, region: cost.region, effectiveDate: cost.effectiveDate, lines: cost.lines.map((l) => ({ service: l.service, item: l.item, usd: l.usd })) },
  };
}

function check(id: number, text: string, file: string): void {
  try {
    const plan = planPlayground(text, file, FILES);
    const { loaded, variants } = plan;
    post({ type: 'checked', id, problems: [], message: '', values: parameterValues(loaded.scenario), lesson: lessonView(loaded.scenario.lesson ?? null), seed: loaded.scenario.seed, variants: variants.map((v) => v.name) });
  } catch (error) {
    const f = failed(id, error) as Extract<FromWorker, { type: 'failed' }>;
    post({ type: 'checked', id, problems: f.problems, message: f.message, values: null, lesson: null, seed: null, variants: [] });
  }
}

onmessage = async (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  try {
    if (m.type === 'file' && m.name === 'report.html') await loadBrowserBuilds();
    if (m.type === 'run') run(m.id, m.text, m.file, m.seed, m.indices);
    else if (m.type === 'claims') post({ type: 'claims', id: m.id, claims: lessonClaims(m.text, m.file, m.ran) });
    else if (m.type === 'card') {
      if (lesson) for (const v of held.values()) addLessonCard(v, lesson, m.names, m.claims);
      post({ type: 'carded', id: m.id });
    }
    else if (m.type === 'check') check(m.id, m.text, m.file);
    else if (m.type === 'set') post({ type: 'set', id: m.id, text: withParameter(m.text, parseScenarioText(m.text, m.file).scenario, m.parameter, m.value) });
    else if (m.type === 'file') {
      const v = held.get(m.variant);
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
