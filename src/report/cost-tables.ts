/**
 * Bills as terminal tables: one bill line by line, and several front doors
 * side by side by service. Colour only when the caller says so.
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import Table from 'cli-table3';
import { createColors } from 'picocolors';
import { usdByService, type CostEstimate } from '../cost/cost-estimate.js';
import { money } from './number-format.js';

export { money };

/** Every line of one bill, the total, and how the month was reckoned. */
export function formatCostEstimate(estimate: CostEstimate, options: { color: boolean; footer?: boolean }): string {
  const c = createColors(options.color);
  const table = new Table({
    head: [`monthly cost, ${label(estimate)} (${estimate.region}, prices of ${estimate.effectiveDate})`, 'quantity', 'rate', 'USD / month'].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'right', 'right'],
  });
  for (const line of estimate.lines) {
    table.push([`${line.service}: ${line.item}`, `${quantityText(line.quantity)} ${line.unit}`, `$${line.usdRate} / ${line.rateUnit}`, money(line.usd)]);
  }
  table.push([c.bold('total'), '', '', c.bold(money(estimate.totalUsd))]);
  if (options.footer === false) return table.toString();
  const notes = [`month: ${estimate.basis}`, estimate.freeTier ? 'free tier taken off' : 'no free tier'];
  return `${table.toString()}\n${c.dim(notes.join('; '))}`;
}

/** Several bills side by side: dollars by service, one column per front door, the cheapest total marked. */
export function formatCostComparison(estimates: readonly CostEstimate[], options: { color: boolean }): string {
  const c = createColors(options.color);
  const byService = estimates.map(usdByService);
  const services = [...new Set(byService.flatMap((s) => Object.keys(s)))];
  const cheapest = Math.min(...estimates.map((e) => e.totalUsd));
  const table = new Table({
    head: ['USD / month', ...estimates.map(label)].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...estimates.map(() => 'right' as const)],
  });
  for (const service of services) table.push([service, ...byService.map((s) => (s[service] === undefined ? '–' : money(s[service])))]);
  table.push([c.bold('total'), ...estimates.map((e) => (e.totalUsd === cheapest ? c.green(c.bold(`${money(e.totalUsd)} *`)) : c.bold(money(e.totalUsd))))]);
  return `${table.toString()}\n${c.dim('* cheapest')}`;
}

function label(estimate: CostEstimate): string {
  return ENTRY_POINTS[estimate.apiType].shortLabel;
}

function quantityText(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })}M`;
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : 1 });
}
