/**
 * The playground page: a lesson or a scenario of your own, the controls
 * that matter, the YAML with the CLI's errors at their lines, live charts
 * while the worker runs, the month's cost, a shareable link and the run's
 * files. The simulation runs in a Web Worker (./worker.ts); this thread only
 * draws.
 */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Title, Tooltip } from 'chart.js';
import { SERIES } from '../../src/report/charts/palette.js';
import { PARAMETERS } from './core/parameters.js';
import { LESSONS, LIBRARY } from './library.js';
import type { ChartPoint, Claim, FromWorker, ToWorker, VariantView } from './protocol.js';
import { decodeShared, encodeShared } from './share.js';
import { textAreaEditor, type ScenarioEditor } from './editor/scenario-editor.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Title, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const lessonSelect = $<HTMLSelectElement>('lesson');
const seedInput = $<HTMLInputElement>('seed');
const status = $<HTMLParagraphElement>('status');

/** What the page measures and draws, for the browser tests and the README's figures. */
const metrics = {
  runs: 0,
  firstChartMs: NaN,
  runMs: NaN,
  lastRunId: 0,
  /** The points of every line of a figure's charts: `[{ label, points: [[t, y]...] }]`. */
  chartData: (figure: string) => charts.filter((c) => c.figure.key === figure).flatMap((c) => c.chart.data.datasets.map((d) => ({ label: String(d.label), points: (d.data as Array<{ x: number; y: number | null }>).map((p) => [p.x, p.y]) }))),
  /** The scenario's text, whichever editor holds it. */
  getText: () => scenarioEditor.getText(),
  /** Replaces the scenario's text as a user's edit would (checked and run after the pause). */
  setText: (text: string) => {
    scenarioEditor.setText(text);
    onEdit();
  },
  /** 'text' until the code editor has loaded, then 'code' (or 'text' for good, if it could not load). */
  editor: 'text' as 'text' | 'code',
};
(window as unknown as { playground: typeof metrics }).playground = metrics;

let file = 'scenarios/lessons/retry-storm-jitter.yaml';
let nextId = 1;

// --- workers: a helper for checks and edits, a runner per run (ended to stop it) ---
const newWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const helper = newWorker();
const pending = new Map<number, (m: FromWorker) => void>();
function ask(worker: Worker, message: ToWorker): Promise<FromWorker> {
  return new Promise((resolve) => {
    pending.set(message.id, resolve);
    worker.postMessage(message);
  });
}
helper.onmessage = (e: MessageEvent<FromWorker>) => pending.get(e.data.id)?.(e.data);

// --- the editor: a text area at first, the code editor (a chunk of its own) once it has loaded; the CLI's problems at their lines ---
const onEdit = () => schedule('edit', () => void checkAndRun(), 400);
let scenarioEditor: ScenarioEditor = textAreaEditor($<HTMLTextAreaElement>('editor'), { text: '', onEdit });
const text = () => scenarioEditor.getText();
/** The problems shown, kept for the code editor when it takes over. */
let shownProblems: Array<{ line: number; message: string }> = [];

async function loadCodeEditor(): Promise<void> {
  try {
    const { codeEditor } = await import('./editor/code-editor.js');
    const focused = scenarioEditor.focused();
    const next = codeEditor($('editor-box'), { text: text(), onEdit, labelledBy: 'editor-label', describedBy: 'problems' });
    scenarioEditor.destroy();
    scenarioEditor = next;
    next.showProblems(shownProblems);
    if (focused) next.goToLine(1);
    metrics.editor = 'code';
  } catch (error) {
    // the text area stays: every feature of the page but highlighting, marks and completion works with it
    $('editor-note').textContent = `The code editor could not be loaded (${error instanceof Error ? error.message : String(error)}): the scenario stays in a plain text area.`;
  }
}

function showProblems(problems: Array<{ path: string; line?: number; message: string; hint?: string }>): void {
  const list = $<HTMLUListElement>('problems');
  shownProblems = [];
  list.replaceChildren(
    ...problems.map((p) => {
      const li = document.createElement('li');
      const where = `${file}${p.line ? `:${p.line}` : ''}`;
      const text = `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? `\n  hint: ${p.hint}` : ''}`;
      if (p.line) {
        const line = p.line;
        shownProblems.push({ line, message: text });
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = `line ${line}`;
        button.addEventListener('click', () => scenarioEditor.goToLine(line));
        li.append(button, ' ');
      }
      const span = document.createElement('span');
      span.className = 'problem';
      span.dataset.line = String(p.line ?? '');
      span.textContent = text;
      span.style.whiteSpace = 'pre-wrap';
      li.append(span);
      return li;
    }),
  );
  scenarioEditor.showProblems(shownProblems);
}

// --- the controls ---
const controls = new Map<string, { input: HTMLInputElement | HTMLSelectElement; output: HTMLOutputElement | null; box: HTMLElement }>();
function buildControls(): void {
  const box = $<HTMLFieldSetElement>('parameters');
  for (const p of PARAMETERS) {
    const wrap = document.createElement('div');
    wrap.className = 'parameter';
    const label = document.createElement('label');
    label.htmlFor = `p-${p.id}`;
    label.textContent = p.label;
    let input: HTMLInputElement | HTMLSelectElement;
    let output: HTMLOutputElement | null = null;
    if (p.kind === 'choice') {
      input = document.createElement('select');
      for (const c of p.choices ?? []) input.add(new Option(c, c));
    } else {
      input = document.createElement('input');
      input.type = 'range';
      input.min = String(p.min);
      input.max = String(p.max);
      input.step = String(p.step);
      input.id = `p-${p.id}`;
      output = document.createElement('output');
      output.htmlFor.add(input.id);
    }
    input.id = `p-${p.id}`;
    input.addEventListener('input', () => {
      if (output) output.value = `${input.value}${p.unit ?? ''}`;
      input.setAttribute('aria-valuetext', `${input.value}${p.unit ?? ''}`);
      schedule(`p:${p.id}`, () => void setParameter(p.id, p.kind === 'choice' ? input.value : Number(input.value)), 250);
    });
    wrap.append(label, ...(output ? [output] : []), input);
    box.append(wrap);
    controls.set(p.id, { input, output, box: wrap });
  }
}

function showValues(values: Record<string, number | string | null>): void {
  for (const p of PARAMETERS) {
    const c = controls.get(p.id);
    if (!c) continue;
    const value = values[p.id];
    c.box.hidden = value === null || value === undefined;
    if (value === null || value === undefined || document.activeElement === c.input) continue;
    c.input.value = String(value);
    if (c.output) c.output.value = `${value}${p.unit ?? ''}`;
  }
}

async function setParameter(id: string, value: number | string): Promise<void> {
  const reply = await ask(helper, { type: 'set', id: nextId++, text: text(), file, parameter: id, value });
  if (reply.type !== 'set') return void showProblems((reply as Extract<FromWorker, { type: 'failed' }>).problems);
  scenarioEditor.setText(reply.text);
  await checkAndRun();
}

const timers = new Map<string, number>();
function schedule(key: string, f: () => void, ms: number): void {
  clearTimeout(timers.get(key));
  timers.set(key, window.setTimeout(f, ms));
}

// --- checking and running ---
async function checkAndRun(): Promise<void> {
  const reply = await ask(helper, { type: 'check', id: nextId++, text: text(), file });
  if (reply.type !== 'checked') return;
  showProblems(reply.problems);
  if (reply.problems.length > 0 || reply.message) {
    document.body.dataset.state = 'invalid';
    status.textContent = `The scenario has ${reply.problems.length || 1} problem(s): see the list under the editor.`;
    return;
  }
  if (reply.values) showValues(reply.values);
  planned = reply.variants;
  if (seedInput.value === '' && reply.seed !== null) seedInput.value = String(reply.seed);
  run();
}

// --- charts ---
interface Figure {
  key: keyof Omit<ChartPoint, 't'>;
  title: string;
  unit: string;
}
const FIGURES: Figure[] = [
  { key: 'goodput', title: 'Goodput: requests that succeeded, per second', unit: 'requests/s' },
  { key: 'attempts', title: 'Attempts answered per second (retries included)', unit: 'attempts/s' },
  { key: 'p99', title: 'p99 latency of successful requests', unit: 'ms' },
];
/** Each variant's line also has its own dash, so lines that coincide or colours that look alike still tell apart. */
const DASHES = [[], [6, 3], [2, 3], [10, 3, 2, 3]];
let series: ChartPoint[][] = [];
let names: string[] = [];
let durationS = 0;
let charts: Array<{ chart: Chart; figure: Figure; variants: number[] }> = [];
let frame = 0;

function layout(): 'overlay' | 'side' {
  return (document.querySelector('input[name=layout]:checked') as HTMLInputElement).value as 'overlay' | 'side';
}

function makeCharts(): void {
  for (const c of charts) c.chart.destroy();
  charts = [];
  const box = $<HTMLDivElement>('charts');
  box.replaceChildren();
  for (const figure of FIGURES) {
    const groups = layout() === 'overlay' ? [names.map((_, i) => i)] : names.map((_, i) => [i]);
    const row = document.createElement('div');
    row.className = 'row';
    row.style.gridTemplateColumns = `repeat(${groups.length}, minmax(0, 1fr))`;
    box.append(row);
    for (const variants of groups) {
      const holder = document.createElement('div');
      holder.className = 'chart';
      const canvas = document.createElement('canvas');
      const title = groups.length > 1 ? `${figure.title} (${names[variants[0]]})` : figure.title;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', title);
      canvas.dataset.figure = figure.key;
      holder.append(canvas);
      row.append(holder);
      const chart = new Chart(canvas, {
        type: 'line',
        data: { datasets: variants.map((v) => ({ label: names[v], data: [], borderColor: SERIES[v % SERIES.length], backgroundColor: SERIES[v % SERIES.length], borderDash: DASHES[v % DASHES.length], borderWidth: 1.5, pointRadius: 0, parsing: false as const })) },
        options: {
          plugins: { title: { display: true, text: title }, legend: { display: variants.length > 1 } },
          scales: { x: { type: 'linear', min: 0, max: durationS, title: { display: true, text: 'simulated time (s)' } }, y: { type: 'linear', min: 0, title: { display: true, text: figure.unit } } },
        },
      });
      charts.push({ chart, figure, variants });
    }
  }
  redraw();
}

/** Every chart's data from the series so far, one y-scale per figure (the largest value of any variant). */
function redraw(): void {
  frame = 0;
  for (const { chart, figure, variants } of charts) {
    const top = Math.max(1, ...series.flatMap((points) => points.map((p) => (Number.isFinite(p[figure.key]) ? p[figure.key] : 0))));
    (chart.options.scales!.y as { max?: number }).max = niceCeiling(top);
    variants.forEach((v, i) => {
      chart.data.datasets[i].data = (series[v] ?? []).map((p) => ({ x: p.t, y: Number.isFinite(p[figure.key]) ? p[figure.key] : null })) as never;
    });
    chart.update('none');
  }
}

function niceCeiling(x: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((v) => v >= x) ?? x;
}

// --- a run: its variants spread over up to MAX_RUNNERS workers (variants are independent runs) ---
const MAX_RUNNERS = 4;
interface Runner {
  worker: Worker;
  indices: number[];
  done: boolean;
}
let runners: Runner[] = [];
/** The variants the last check planned (the base first). */
let planned: string[] = ['base'];
let views: VariantView[] = [];
let figures: Array<Array<[string, number]>> = [];
let runStartedAt = 0;
let runText = '';
/** The seed box's value when the current (or last) run started: a change event that leaves it so (a blur after Enter) does not restart the run. */
let runSeed = '';

function stopRunners(): void {
  for (const r of runners) r.worker.terminate();
  runners = [];
}

function run(): void {
  stopRunners();
  const id = nextId++;
  metrics.lastRunId = id;
  metrics.firstChartMs = NaN;
  metrics.runMs = NaN;
  runStartedAt = performance.now();
  runText = text();
  runSeed = seedInput.value;
  views = [];
  figures = [];
  names = [];
  document.body.dataset.state = 'running';
  status.textContent = 'Running…';
  const seed = seedInput.value === '' ? undefined : Number(seedInput.value);
  // one worker per variant (up to MAX_RUNNERS) even on two cores: they end together, rather than one worker running two long variants in turn
  const count = Math.max(1, Math.min(planned.length, MAX_RUNNERS));
  for (let w = 0; w < count; w++) {
    const indices = planned.map((_, i) => i).filter((i) => i % count === w);
    const runner: Runner = { worker: newWorker(), indices, done: false };
    runner.worker.onmessage = (e: MessageEvent<FromWorker>) => onRunMessage(e.data, id, runner);
    runner.worker.postMessage({ type: 'run', id, text: runText, file, seed, indices } satisfies ToWorker);
    runners.push(runner);
  }
}

function onRunMessage(m: FromWorker, id: number, runner: Runner): void {
  if (m.id !== id) return pending.get(m.id)?.(m);
  if (m.type === 'planned') {
    if (names.length > 0) return; // every runner plans; the first one sets the page up
    names = m.variants;
    durationS = m.durationS;
    series = names.map(() => []);
    showLesson(m.lesson);
    const select = $<HTMLSelectElement>('download-variant');
    select.replaceChildren(...names.map((n) => new Option(n, n)));
    makeCharts();
  } else if (m.type === 'progress') {
    series[m.variant] = m.points[0]?.t === (series[m.variant][0]?.t ?? m.points[0]?.t) && m.points.length >= series[m.variant].length ? m.points : series[m.variant].concat(m.points);
    status.textContent = `Running ${names.length} variant(s) on ${runners.length} worker(s): ${names[m.variant]} at ${Math.round(m.simulatedS)} s of ${durationS} s simulated`;
    if (!frame)
      frame = requestAnimationFrame(() => {
        redraw();
        if (Number.isNaN(metrics.firstChartMs)) metrics.firstChartMs = performance.now() - runStartedAt;
      });
  } else if (m.type === 'variant') {
    views[m.index] = m.view;
    figures[m.index] = m.figures;
  } else if (m.type === 'done') {
    runner.done = true;
    if (runners.every((r) => r.done)) void finishRun(id);
  } else if (m.type === 'failed') {
    stopRunners();
    document.body.dataset.state = 'invalid';
    status.textContent = m.problems.length ? 'The scenario has problems: see the list under the editor.' : `The run failed: ${m.message}`;
    if (m.problems.length) showProblems(m.problems);
  } else {
    pending.get(m.id)?.(m);
  }
}

/** Every variant done: the lesson's claims checked on all of them, each runner's reports given the lesson card, the figures shown. */
async function finishRun(id: number): Promise<void> {
  let claims: Claim[] = [];
  if (!$('lesson-card').hidden) {
    const reply = await ask(helper, { type: 'claims', id: nextId++, text: runText, file, ran: names.map((name, i) => ({ name, figures: figures[i] })) });
    if (reply.type === 'claims') claims = reply.claims;
    await Promise.all(runners.map((r) => ask(r.worker, { type: 'card', id: nextId++, names, claims })));
  }
  if (id !== metrics.lastRunId) return;
  cancelAnimationFrame(frame);
  redraw();
  if (Number.isNaN(metrics.firstChartMs)) metrics.firstChartMs = performance.now() - runStartedAt;
  metrics.runMs = performance.now() - runStartedAt;
  metrics.runs++;
  showFigures(views);
  showClaims(claims);
  status.textContent = `Done: ${names.length} run(s) on ${runners.length} worker(s) in ${(metrics.runMs / 1000).toFixed(2)} s (seed ${views[0]?.seed}).`;
  document.body.dataset.state = 'done';
}

function showLesson(lesson: Extract<FromWorker, { type: 'planned' }>['lesson']): void {
  $('lesson-card').hidden = lesson === null;
  if (!lesson) return;
  $('lesson-title').textContent = lesson.title;
  $('lesson-question').textContent = lesson.question;
  $('lesson-explanation').textContent = lesson.explanation;
  $('lesson-signal').textContent = `Exam signal: ${lesson.examSignal}`;
  $('claims').replaceChildren();
}

function showClaims(claims: Array<{ says: string; pass: boolean; detail: string }>): void {
  $('claims').replaceChildren(
    ...claims.map((c) => {
      const li = document.createElement('li');
      li.className = c.pass ? 'pass' : 'fail';
      li.textContent = `${c.says} (${c.pass ? 'holds' : 'does not hold'}: ${c.detail})`;
      return li;
    }),
  );
}

const usd = (x: number) => (Number.isFinite(x) ? `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : '–');
const msText = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)} %` : '–');

function table(head: string[], rows: string[][], caption: string): HTMLTableElement {
  const t = document.createElement('table');
  t.createCaption().textContent = caption;
  const tr = t.createTHead().insertRow();
  for (const h of head) tr.append(Object.assign(document.createElement('th'), { textContent: h, scope: 'col' }));
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    r.forEach((cell, i) => (i === 0 ? row.append(Object.assign(document.createElement('th'), { textContent: cell, scope: 'row' })) : (row.insertCell().textContent = cell)));
  }
  return t;
}

function showFigures(variants: VariantView[]): void {
  const rows: Array<[string, (v: VariantView) => string]> = [
    ['p50 (ok requests)', (v) => msText(v.figures.p50)],
    ['p99 (ok requests)', (v) => msText(v.figures.p99)],
    ['p99 (all requests)', (v) => msText(v.figures.p99All)],
    ['requests that failed', (v) => pct(v.figures.errorRatio)],
    ['attempts per request', (v) => v.figures.amplification.toFixed(3)],
    ['Lambda cold starts', (v) => String(v.figures.coldStarts)],
    ['monthly cost', (v) => usd(v.cost.totalUsd)],
  ];
  $('figures').replaceChildren(table(['', ...variants.map((v) => v.name)], rows.map(([label, f]) => [label, ...variants.map(f)]), 'Key figures, after the warm-up'));
  const services = [...new Set(variants.flatMap((v) => v.cost.lines.map((l) => `${l.service}: ${l.item}`)))];
  const line = (v: VariantView, key: string) => v.cost.lines.filter((l) => `${l.service}: ${l.item}` === key).reduce((a, l) => a + l.usd, 0);
  const first = variants[0]?.cost;
  $('cost').replaceChildren(
    table(['bill line', ...variants.map((v) => v.name)], [...services.map((s) => [s, ...variants.map((v) => usd(line(v, s)))]), ['total', ...variants.map((v) => usd(v.cost.totalUsd))]], `The month's bill (${first?.region}, prices of ${first?.effectiveDate}; ${first?.basis})`),
  );
}

// --- the front doors compared ---
$('compare').addEventListener('click', async () => {
  const target = $('compared');
  target.textContent = 'Running the workload through REST, HTTP API and ALB…';
  const worker = newWorker();
  const reply = await new Promise<FromWorker>((resolve) => {
    worker.onmessage = (e: MessageEvent<FromWorker>) => resolve(e.data);
    worker.postMessage({ type: 'compare', id: nextId++, text: text(), file, seed: seedInput.value === '' ? undefined : Number(seedInput.value) } satisfies ToWorker);
  });
  worker.terminate();
  if (reply.type !== 'compared') return void (target.textContent = reply.type === 'failed' ? `Cannot compare: ${reply.message}` : '');
  const label: Record<string, string> = { rest: 'REST API', http: 'HTTP API', alb: 'ALB' };
  target.replaceChildren(
    table(
      ['front door', 'ok requests', 'p50', 'p99', 'attempts per request', 'monthly cost'],
      reply.rows.map((r) => (r.skipped ? [label[r.type], r.skipped, '', '', '', ''] : [label[r.type], pct(r.okShare), msText(r.p50), msText(r.p99), r.amplification.toFixed(3), usd(r.totalUsd)])),
      'The same workload and seed through each front door (as apigw-sim compare --types rest,http,alb)',
    ),
  );
});

// --- downloads and sharing ---
$('downloads').addEventListener('click', async (e) => {
  const name = (e.target as HTMLElement).dataset.file;
  const variant = $<HTMLSelectElement>('download-variant').value;
  const holder = runners.find((r) => r.indices.includes(names.indexOf(variant)));
  if (!name || !holder || document.body.dataset.state !== 'done') return;
  const reply = await ask(holder.worker, { type: 'file', id: nextId++, variant, name });
  if (reply.type !== 'file') return void (status.textContent = reply.type === 'failed' ? reply.message : '');
  const type = name.endsWith('.csv') ? 'text/csv' : name.endsWith('.json') ? 'application/json' : 'text/html';
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([reply.text], { type }));
  a.download = `${variant}-${name}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});

$('share').addEventListener('click', () => {
  const fragment = encodeShared({ text: text(), file, ...(seedInput.value === '' ? {} : { seed: Number(seedInput.value) }) });
  history.replaceState(null, '', `#${fragment}`);
  const url = $<HTMLInputElement>('share-url');
  url.value = location.href;
  url.select();
  void navigator.clipboard?.writeText(location.href).catch(() => undefined);
});

// --- the page ---
function openLesson(name: string): void {
  const lesson = LESSONS.find((l) => l.name === name);
  if (!lesson) return;
  file = lesson.file;
  scenarioEditor.load(LIBRARY[file]);
  seedInput.value = '';
  void checkAndRun();
}

function start(): void {
  buildControls();
  for (const l of LESSONS) lessonSelect.add(new Option(l.name, l.name));
  lessonSelect.addEventListener('change', () => openLesson(lessonSelect.value));
  seedInput.addEventListener('change', () => {
    const state = document.body.dataset.state;
    if (seedInput.value !== runSeed || (state !== 'running' && state !== 'done')) run();
  });
  $('run').addEventListener('click', () => void checkAndRun());
  $('stop').addEventListener('click', () => {
    stopRunners();
    document.body.dataset.state = 'stopped';
    status.textContent = 'Stopped.';
  });
  document.querySelectorAll('input[name=layout]').forEach((r) => r.addEventListener('change', makeCharts));
  const shared = decodeShared(location.hash);
  if (shared) {
    file = shared.file;
    scenarioEditor.load(shared.text);
    seedInput.value = shared.seed === undefined ? '' : String(shared.seed);
    const lesson = LESSONS.find((l) => l.file === file);
    if (lesson) lessonSelect.value = lesson.name;
    void checkAndRun();
  } else {
    lessonSelect.value = 'retry-storm-jitter';
    openLesson('retry-storm-jitter');
  }
  // once the first check and run are asked for: the page and its first chart do not wait for the editor's chunk
  void loadCodeEditor();
}

start();
