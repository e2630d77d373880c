/**
 * Lambda's part of the bill, one set of lines per function (the integration,
 * the authorizer...): requests; on-demand duration in GB-seconds, INIT
 * included (billed for on-demand functions since 1 August 2025), with the
 * volume tiers running across every function of the same architecture in
 * the account; provisioned concurrency for the month and the duration that
 * ran on it; SnapStart's cache and restores (Python and .NET only).
 */
import { flatLine, section, tieredLines, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import type { LambdaArchitecture, LambdaUsage, MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceLambda(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const p = prices.lambda;
  const lines: CostLine[] = [];
  let freeRequestsLeft = prices.freeTier.lambdaRequests.value;
  let freeGbSecondsLeft = prices.freeTier.lambdaGbSeconds.value;
  const billedGbSeconds: Record<LambdaArchitecture, number> = { x86_64: 0, arm64: 0 };
  // the free GB-seconds go to the dearer architecture first, as a bill would show them at their best
  const ordered = [...usage.lambdas].sort((a, b) => rank(a.architecture) - rank(b.architecture));
  for (const f of usage.lambdas) {
    const requests = freeShare('Lambda', `${f.name} requests`, f.requests, 'requests', freeRequestsLeft, options);
    freeRequestsLeft -= f.requests - requests.billable;
    lines.push(...requests.freeLines, flatLine('Lambda', `${f.name} requests`, requests.billable, 'requests', p.requests));
  }
  for (const f of ordered) {
    const gb = f.memoryMb / 1024;
    const arch = f.architecture === 'arm64' ? 'Arm64' : 'X86';
    const onDemand = freeShare('Lambda', `${f.name} duration`, (f.onDemandBilledMs / 1000) * gb, 'GB-seconds', freeGbSecondsLeft, options);
    freeGbSecondsLeft -= (f.onDemandBilledMs / 1000) * gb - onDemand.billable;
    lines.push(...onDemand.freeLines, ...tieredLines('Lambda', `${f.name} duration (${f.architecture})`, onDemand.billable, p[`duration${arch}`], billedGbSeconds[f.architecture]));
    billedGbSeconds[f.architecture] += onDemand.billable;
    if (f.provisioned > 0) {
      const reservedGbSeconds = f.provisioned * gb * usage.hours * 3600;
      lines.push(flatLine('Lambda', `${f.name} provisioned concurrency (${f.provisioned} x ${f.memoryMb} MB)`, reservedGbSeconds, 'GB-seconds', p[`provisionedConcurrency${arch}`]));
      lines.push(flatLine('Lambda', `${f.name} duration on provisioned concurrency`, (f.provisionedBilledMs / 1000) * gb, 'GB-seconds', p[`provisionedDuration${arch}`]));
    }
    if (f.snapStart) lines.push(...snapStartLines(f.name, f.snapStart, prices));
  }
  return lines;
}

/** SnapStart's cache and restore lines (Python and .NET functions; the price coverage check refuses a table without the figures first). */
function snapStartLines(name: string, used: NonNullable<LambdaUsage['snapStart']>, prices: PriceTable): CostLine[] {
  const cache = section(prices.lambda.snapStartCache, 'Lambda SnapStart cache price');
  const restore = section(prices.lambda.snapStartRestore, 'Lambda SnapStart restore price');
  return [flatLine('Lambda', `${name} snapshots`, used.cachedGbSeconds, 'GB-seconds', cache), flatLine('Lambda', `${name} restores`, used.restoredGb, 'GB restored', restore)];
}

function rank(architecture: LambdaArchitecture): number {
  return architecture === 'x86_64' ? 0 : 1;
}
