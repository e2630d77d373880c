/**
 * `collapse` (how a run is judged collapsed or recovered after its last
 * trigger, src/metrics/collapse.ts) and `map` (the metastability map that
 * `sweep --map` draws: a trigger's size against named retry policies), and
 * what the scenario's triggers are: its failure windows, its load spikes and
 * the phases of its profile that run above the rate the profile settles at.
 */
import { z } from 'zod';
import { DEFAULT_COLLAPSE, type CollapseSettings, type Trigger } from '../metrics/collapse.js';
import { duration, real, whole } from './unit-schema.js';
import type { Problem, Scenario } from './schema.js';

export const collapseSection = z
  .strictObject({
    after: duration().optional().describe(`how long after the last trigger ended the run is judged (default ${DEFAULT_COLLAPSE.afterMs / 1000}s)`),
    window: duration().optional().describe(`the window goodput is measured over (default ${DEFAULT_COLLAPSE.windowMs / 1000}s)`),
    degradedBelow: real(0, 1).optional().describe(`collapsed: goodput below this share of the offered load in the judged window (default ${DEFAULT_COLLAPSE.degradedBelow})`),
    recoveredAt: real(0, 1).optional().describe(`recovered: goodput at least this share of the offered load over a window (default ${DEFAULT_COLLAPSE.recoveredAt})`),
  })
  .optional()
  .describe('when a run counts as collapsed after its last trigger, and as recovered (docs/scenario-reference.md: collapse)');

/** Points of a map at most on each axis: a map is replicated at every cell, so it grows fast. */
export const MAX_MAP_AXIS = 20;
const POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+-]*$/;

export const mapSection = z
  .strictObject({
    trigger: z
      .strictObject({
        path: z.string().min(1).describe('the scenario path of the trigger\'s size, as sweep --set names it: load.spikes.0.rate, failures.0.for...'),
        values: z.array(z.union([z.string(), z.number()])).min(1).max(MAX_MAP_AXIS).describe('its values, smallest first: [20/s, 40/s, 60/s]'),
      })
      .describe('the x axis: how big the trigger is'),
    policies: z
      .array(
        z.strictObject({
          name: z.string().regex(POLICY_NAME, 'letters, digits, spaces and ._+- (it labels a row of the map)'),
          set: z.record(z.string(), z.unknown()).prefault({}).describe('scenario paths and values, as a lesson variant sets them; {} for the scenario as it is'),
        }),
      )
      .min(1)
      .max(MAX_MAP_AXIS)
      .describe('the y axis: named retry policies'),
    replications: whole(2, 1000).prefault(10).describe('replications at each cell (sweep --replications overrides it)'),
  })
  .optional()
  .describe('a metastability map: sweep --map runs every trigger size with every policy (docs/commands.md: Metastability maps)');

/** The scenario's collapse settings, its own or the defaults. */
export function collapseSettingsOf(s: Pick<Scenario, 'collapse'>): CollapseSettings {
  const c = s.collapse ?? {};
  return {
    afterMs: c.after ?? DEFAULT_COLLAPSE.afterMs,
    windowMs: c.window ?? DEFAULT_COLLAPSE.windowMs,
    degradedBelow: c.degradedBelow ?? DEFAULT_COLLAPSE.degradedBelow,
    recoveredAt: c.recoveredAt ?? DEFAULT_COLLAPSE.recoveredAt,
  };
}

/**
 * What pushes the run out of its steady state, inside the run: every
 * failure window, every load spike, and every phase of the profile whose
 * rate goes above the rate of its last phase (the rate that holds after
 * it): a step up to a new level that stays is a new load, not a trigger.
 */
export function triggersOf(s: Pick<Scenario, 'failures' | 'load' | 'duration'>): Trigger[] {
  const end = (ms: number) => Math.min(ms, s.duration);
  const triggers: Trigger[] = [
    ...s.failures.map((f, i) => ({ fromMs: f.at, toMs: end(f.at + f.for), label: `failures[${i}]` })),
    ...s.load.spikes.map((spike, i) => ({ fromMs: spike.at, toMs: end(spike.at + spike.for), label: `load.spikes[${i}]` })),
  ];
  const profile = s.load.profile ?? [];
  const peak = (p: (typeof profile)[number]) => ('rate' in p ? p.rate : Math.max(...p.ramp));
  const last = profile.at(-1);
  const settled = last === undefined ? 0 : 'rate' in last ? last.rate : last.ramp[1];
  let fromMs = 0;
  profile.forEach((p, i) => {
    if (i < profile.length - 1 && peak(p) > settled && fromMs < s.duration) triggers.push({ fromMs, toMs: end(fromMs + p.for), label: `load.profile[${i}]` });
    fromMs += p.for;
  });
  return triggers;
}

/** Settings that cannot judge anything, and a `collapse` section the run is too short for. */
export function checkCollapse(s: Scenario, problem: Problem): void {
  const c = s.collapse;
  if (!c) return;
  const settings = collapseSettingsOf(s);
  if (settings.recoveredAt < settings.degradedBelow) problem(['collapse', 'recoveredAt'], `is below degradedBelow (${settings.degradedBelow})`, 'recovered must mean at least as much goodput as not collapsed: e.g. degradedBelow: 0.5, recoveredAt: 0.9');
  if (settings.windowMs < s.interval) problem(['collapse', 'window'], `is shorter than the interval (${s.interval / 1000}s)`, 'goodput is counted per time-series row: give a window of at least one interval');
  const triggers = triggersOf(s);
  if (triggers.length === 0) {
    problem(['collapse'], 'has no trigger to judge the run after', 'add a failure window or a load spike, or remove collapse');
    return;
  }
  const last = triggers.reduce((a, b) => (b.toMs > a.toMs ? b : a));
  if (last.toMs + settings.afterMs + settings.windowMs > s.duration) {
    problem(['collapse'], `judges the run until ${(last.toMs + settings.afterMs + settings.windowMs) / 1000}s, after it ends (${s.duration / 1000}s)`, `the last trigger (${last.label}) ends at ${last.toMs / 1000}s: lengthen the duration, or shorten after or window`);
  }
}

export function checkMap(s: Scenario, problem: Problem): void {
  const m = s.map;
  if (!m) return;
  if (m.trigger.path.split('.').some((part) => part === '')) problem(['map', 'trigger', 'path'], `"${m.trigger.path}" is not a scenario path`, 'keys joined by dots, e.g. load.spikes.0.rate or failures.0.for');
  const names = new Set<string>();
  m.policies.forEach((p, i) => {
    if (names.has(p.name)) problem(['map', 'policies', i, 'name'], `"${p.name}" is taken`, 'each policy names a row of the map: give each its own name');
    names.add(p.name);
  });
}
