/**
 * The collapse figures (metrics/collapse.ts) in words, for the terminal
 * summary and the HTML report's card: collapsed or not after the last
 * trigger, and when it recovered, or that it never did. A run.json read
 * back has `null` (NaN) where the run had Infinity, so "never" is told by
 * `recovered`, not by the number.
 */
import type { CollapseFigures } from '../metrics/collapse.js';

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const percent = (share: number) => `${Math.round(100 * share)} %`;

/** `recovered 15 s after it`, or `never recovered`. */
export function recoveryText(c: CollapseFigures): string {
  return c.recovered === 1 && Number.isFinite(c.recoveryMs) ? `recovered ${seconds(c.recoveryMs)} after it` : 'never recovered in the run';
}

/** One line: `after the last trigger (ended at 70 s): collapsed, goodput 40 % of the offered load in the judged window; never recovered in the run`. */
export function collapseLine(c: CollapseFigures): string {
  const state = c.collapsed === 1 ? 'collapsed' : 'not collapsed';
  return `after the last trigger (ended at ${seconds(c.lastTriggerEndMs)}): ${state}, goodput ${percent(c.goodputShare)} of the offered load in the judged window; ${recoveryText(c)}`;
}

/** The HTML report's card: the state as the value, what it means as the label. */
export function collapseCard(c: CollapseFigures): [label: string, value: string] {
  const value = c.collapsed === 1 ? 'collapsed' : c.recovered === 1 ? `recovered in ${seconds(c.recoveryMs)}` : 'degraded';
  return [`after the last trigger (ended at ${seconds(c.lastTriggerEndMs)}): goodput ${percent(c.goodputShare)} of offered in the judged window; ${recoveryText(c)}`, value];
}
