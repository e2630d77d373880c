/**
 * Bills as terminal tables: one bill line by line, and several front doors
 * side by side by service. Colour only when the caller says so.
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import { createColors } from 'picocolors';
import { usdByService, type CostEstimate } from '../cost/cost-estimate.js';
import { renderTable, wrapText } from './fit-table.js';
import { money } from './number-format.js';

export { money };

/** Every line of one bill, the total, and how the month was reckoned. */
export function formatCostEstimate(estimate: CostEstimate, options: { color: boolean; footer?: boolean }): string {
  const c = createColors(options.color);
  const head = [`monthly cost, ${label(estimate)} (${estimate.region}, prices of ${estimate.effectiveDate})`, 'quantity', 'rate', 'USD / month'].map((h) => c.bold(h));
  const rows = estimate.lines.map((line) => [`${line.service}: ${line.item}`, `${quantityText(line.quantity)} ${line.unit}`, `$${line.usdRate} / ${line.rateUnit}`, money(line.usd)]);
  rows.push([c.bold('total'), '', '', c.bold(money(estimate.totalUsd))]);
  // the labels wrap first, then the quantities and rates (words such as "million requests")
  const table = renderTable({ head, rows, wrap: [0, 2, 1] });
  if (options.footer === false) return table;
  const notes = [`month: ${estimate.basis}`, estimate.freeTier ? 'free tier taken off' : 'no free tier'];
  return `${table}\n${c.dim(wrapText(notes.join('; ')))}`;
}

/**
 * Several bills side by side: dollars by service, one column per front door, the cheapest total marked.
 * `labels`: the columns' headings (default: each estimate's entry point; `compare --designs` names its designs).
 */
export function formatCostComparison(estimates: readonly CostEstimate[], options: { color: boolean; labels?: readonly string[] }): string {
  const c = createColors(options.color);
  const byService = estimates.map(usdByService);
  const services = [...new Set(byService.flatMap((s) => Object.keys(s)))];
  const cheapest = Math.min(...estimates.map((e) => e.totalUsd));
  const rows = services.map((service) => [service, ...byService.map((s) => (s[service] === undefined ? '–' : money(s[service])))]);
  rows.push([c.bold('total'), ...estimates.map((e) => (e.totalUsd === cheapest ? c.green(c.bold(`${money(e.totalUsd)} *`)) : c.bold(money(e.totalUsd))))]);
  const table = renderTable({ head: ['USD / month', ...(options.labels ?? estimates.map(label))].map((h) => c.bold(h)), rows });
  return `${table}\n${c.dim('* cheapest')}`;
}

function label(estimate: CostEstimate): string {
  return ENTRY_POINTS[estimate.apiType].shortLabel;
}

function quantityText(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })}M`;
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : 1 });
}
