#!/usr/bin/env node
// Regenerates the images under docs/ (the README's and the docs pages') and
// the list of lessons in docs/lessons.md from the shipped scenarios
// (`npm run docs:images`): the same commands a user runs, so the pictures
// stay true to the tool. Needs node-canvas (README: PNG charts).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const cli = join(root, 'bin', 'apigw-sim.js');
const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });

// docs/lessons.md holds the generated list of lessons between these markers;
// checked before the runs, which take minutes
const LESSONS = join(docs, 'lessons.md');
const START = '<!-- lessons:start (written by scripts/docs-images.js from scenarios/lessons/) -->';
const END = '<!-- lessons:end -->';
const markers = (text) => {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${LESSONS}: no ${START} ... ${END} markers`);
  return [start, end];
};
markers(readFileSync(LESSONS, 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'apigw-sim-docs-'));

const run = (...args) => execFileSync(process.execPath, [cli, ...args, '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });

run('run', 'scenarios/retry-storm.yaml', '--out', join(work, 'storm'));
run('run', 'scenarios/retry-storm-mitigated.yaml', '--out', join(work, 'mitigated'));
run('run', 'scenarios/rest-lambda-basic.yaml', '--out', join(work, 'basic'));
run('compare', 'scenarios/rest-lambda-basic.yaml', '--out', join(work, 'compare'));
run('lessons', 'run', '--all', '--out', join(work, 'lessons'));

const images = [
  ['storm/charts/outcomes.png', 'retry-storm-outcomes.png'],
  ['mitigated/charts/outcomes.png', 'retry-storm-mitigated-outcomes.png'],
  ['storm/charts/latency-cdf.png', 'retry-storm-latency-cdf.png'],
  ['basic/charts/latency.png', 'rest-lambda-basic-latency.png'],
  ['compare/charts/cost.png', 'compare-cost.png'],
  ['compare/charts/crossover.png', 'compare-crossover.png'],
];
// each lesson's chart: its comparison across variants, or the base run's chart it names
mkdirSync(join(docs, 'lessons'), { recursive: true });
for (const file of readdirSync(join(root, 'scenarios', 'lessons')).filter((f) => f.endsWith('.yaml'))) {
  const lesson = parse(readFileSync(join(root, 'scenarios', 'lessons', file), 'utf8')).lesson;
  if (!lesson) continue;
  const name = file.replace(/\.yaml$/, '');
  const compare = join(work, 'lessons', name, 'charts', 'compare.png');
  images.push([existsSync(compare) ? relative(work, compare) : join('lessons', name, 'base', 'charts', `${lesson.chart ?? 'outcomes'}.png`), join('lessons', `${name}.png`)]);
}
for (const [from, to] of images) copyFileSync(join(work, from), join(docs, to));

// the degraded equilibrium, seed by seed: goodput over time after the same spike (docs/lessons.md, README)
const SEEDS = [1, 2, 3, 4, 5, 6];
const goodputBySeed = SEEDS.map((seed) => {
  run('run', 'scenarios/lessons/degraded-equilibrium.yaml', '--seed', String(seed), '--out', join(work, `degraded-${seed}`));
  const [header, ...rows] = readFileSync(join(work, `degraded-${seed}`, 'timeseries.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
  const at = (name) => header.indexOf(name);
  return rows.map((r) => ({ x: Number(r[at('start_s')]), y: Number(r[at('goodput_per_s')]) }));
});
const { ChartJSNodeCanvas } = await import('chartjs-node-canvas');
const canvas = new ChartJSNodeCanvas({ width: 900, height: 420, backgroundColour: 'white' });
const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const png = await canvas.renderToBuffer({
  type: 'line',
  data: { datasets: goodputBySeed.map((points, i) => ({ label: `seed ${SEEDS[i]}`, data: points, borderColor: palette[i], pointRadius: 0, borderWidth: 1.5 })) },
  options: {
    plugins: { title: { display: true, text: 'degraded-equilibrium: goodput after a 10 s spike at 60 s, six seeds (offered 40/s)' }, legend: { labels: { usePointStyle: true, pointStyle: 'line' } } },
    scales: { x: { type: 'linear', min: 0, max: 300, title: { display: true, text: 'time (s)' } }, y: { min: 0, max: 70, title: { display: true, text: 'goodput (requests/s)' } } },
  },
});
writeFileSync(join(docs, 'degraded-equilibrium-seeds.png'), png);
images.push(['', 'degraded-equilibrium-seeds.png']);

// docs/lessons.md's list of lessons, from the lesson files, each with its
// chart (image paths relative to docs/)
const lessonEntries = readdirSync(join(root, 'scenarios', 'lessons'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((file) => {
    const lesson = parse(readFileSync(join(root, 'scenarios', 'lessons', file), 'utf8')).lesson;
    if (!lesson) return [];
    const name = file.replace(/\.yaml$/, '');
    const words = (text) => text.split(/\s+/).join(' ').trim();
    return [`### ${lesson.title} (\`${name}\`)\n\n**${lesson.question}** ${words(lesson.explanation)}\n\n*Exam signal:* ${lesson.examSignal}\n\n![${name}](lessons/${name}.png)\n`];
  });
const page = readFileSync(LESSONS, 'utf8');
const [start, end] = markers(page);
writeFileSync(LESSONS, `${page.slice(0, start + START.length)}\n${lessonEntries.join('\n')}${page.slice(end)}`);
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${images.map(([, to]) => `docs/${to}`).join(', ')} and the lesson list in docs/lessons.md`);
