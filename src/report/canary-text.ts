/**
 * A canary release's figures (metrics/canary.ts) in words, for the terminal
 * summary and the HTML report's card: how the release ended (rolled back,
 * promoted, or still a canary), what each version served, and the error
 * budget the release burned.
 */
import type { CanaryFigures } from '../metrics/canary.js';

const time = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Number((ms / 1000).toFixed(1))} s`);
const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) => `${Number((100 * share).toPrecision(3))} %`;

/** `rolled back at 2 min (alarm at 2 min)`, `promoted at 5 min`, or `still a canary at the run's end`. */
export function canaryOutcome(c: CanaryFigures): string {
  const alarm = c.alarmAtMs !== undefined ? ` (alarm at ${time(c.alarmAtMs)})` : '';
  if (c.rolledBack === 1 && c.rolledBackAtMs !== undefined) return `${c.promoted === 1 && c.promotedAtMs !== undefined ? `promoted at ${time(c.promotedAtMs)}, ` : ''}rolled back at ${time(c.rolledBackAtMs)}${alarm}`;
  if (c.promoted === 1 && c.promotedAtMs !== undefined) return `promoted at ${time(c.promotedAtMs)}`;
  return "still a canary at the run's end";
}

/** One line: `canary 10 %: rolled back at 2 min (alarm at 2 min); the release served 593 attempts, 172 errors (29 %); the base 14,428, 0 errors; budget burned 172 errors, 0.13 % of the SLO window's`. */
export function canaryLine(c: CanaryFigures): string {
  return `canary ${c.percentTraffic} %: ${canaryOutcome(c)}; the release served ${count(c.release.requests)} attempts, ${count(c.release.errors)} errors (${percent(c.release.errorRatio)}); the base ${count(c.base.requests)}, ${count(c.base.errors)} errors; budget burned ${count(c.budgetBurned)} errors, ${percent(c.budgetBurnedShare)} of the SLO window's`;
}

/** The HTML report's card: the errors burned as the value, the rest as the label. */
export function canaryCard(c: CanaryFigures): [label: string, value: string] {
  return [`errors the canary release burned (${percent(c.budgetBurnedShare)} of the SLO window's budget); canary ${c.percentTraffic} %, ${canaryOutcome(c)}`, count(c.budgetBurned)];
}
