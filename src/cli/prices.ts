/**
 * Which price table a command uses: the user's `--prices` file, or the
 * bundled table of the Region asked for.
 */
import { BUNDLED_REGIONS, bundledPriceTable } from '../cost/prices.js';
import type { PriceTable } from '../cost/price-table.js';
import { missingPrices, type PriceNeeds } from '../cost/price-coverage.js';
import { loadPriceFile } from '../scenario/price-file.js';
import { endpointOf, type Scenario } from '../scenario/schema.js';
import { costSpecOf } from '../scenario/cost-spec.js';
import { bundledPriceFile, shownPath } from '../io/package-files.js';
import { CliError } from './cli-error.js';

/**
 * `pricesFile` wins over `region` (its own Region is the one priced).
 * `unknownRegion` makes the error for a Region with no bundled table (the
 * scenario's error names its file and line; a flag's names the flag).
 */
export function resolvePrices(region: string, pricesFile: string | undefined, unknownRegion?: (message: string, hint: string) => Error): PriceTable {
  if (pricesFile !== undefined) return loadPriceFile(pricesFile);
  const table = bundledPriceTable(region);
  if (table) return table;
  const message = `"${region}" has no bundled price table`;
  const hint = `bundled Regions: ${BUNDLED_REGIONS.join(', ')}; for another Region give your own table with --prices file.json (copy ${shownPath(bundledPriceFile('us-east-1'))} and change its region and figures)`;
  throw unknownRegion ? unknownRegion(message, hint) : new CliError(`--region ${message}`, hint);
}

/**
 * The scenario's price table (as resolvePrices), refused when it lacks a
 * figure the scenario needs: before the run, with the scenario's line.
 */
export function resolveScenarioPrices(scenario: Scenario, pricesFile: string | undefined, problemAt: (path: PropertyKey[], message: string, hint: string) => Error): PriceTable {
  const prices = resolvePrices(scenario.cost.region, pricesFile, (message, hint) => problemAt(['cost', 'region'], message, hint));
  const gap = priceGap(prices, scenario);
  if (gap) throw problemAt(['cost', 'region'], gap.message, gap.hint);
  return prices;
}

/** What the table lacks for the scenario, as an error's message and hint; null when it has everything. */
function priceGap(prices: PriceTable, scenario: Scenario): { message: string; hint: string } | null {
  const missing = missingPrices(prices, priceNeedsOf(scenario));
  if (missing.length === 0) return null;
  return {
    message: `the ${prices.region} price table has no price for ${missing.join(', ')}`,
    hint: `no source for it was found when the table was made (docs/price-sources.md); pass --prices with a table that has it (copy ${shownPath(bundledPriceFile(BUNDLED_REGIONS.includes(prices.region) ? prices.region : 'us-east-1'))} and fill it in)`,
  };
}

/** The DynamoDB table a scenario calls, directly or from its function. */
function tableOf(scenario: Scenario) {
  const i = scenario.integration;
  return i.type === 'dynamodb' ? i : i.type === 'lambda' ? (i.dynamodb ?? null) : null;
}

function priceNeedsOf(scenario: Scenario): PriceNeeds {
  const lambdas = [];
  const spec = costSpecOf(scenario);
  for (const fn of [spec.integrationFunction, spec.authorizerFunction, ...(spec.subscriberFunctions ?? [])]) if (fn) lambdas.push({ architecture: fn.architecture, provisioned: fn.provisioned, snapStart: fn.snapStart ?? null });
  return {
    apiType: scenario.api.type,
    lambdas,
    privateEndpoint: endpointOf(scenario.api).type === 'private',
    vpcLink: scenario.integration.type === 'http' ? (scenario.integration.vpcLink?.target ?? null) : null,
    eventBridge: scenario.api.type === 'eventbridge',
    sqs: scenario.integration.type === 'sqs' ? scenario.integration.queue.type : null,
    dynamodb: tableOf(scenario)?.table.mode ?? null,
    stepFunctions: scenario.integration.type === 'stepfunctions',
    sns: scenario.integration.type === 'sns' ? { http: scenario.integration.subscriptions.some((s) => s.protocol === 'http') } : null,
    logStorage: scenario.cost.logs !== undefined,
    cloudfront: scenario.api.cloudfront !== undefined,
  };
}

/**
 * The table for each scenario of a sweep or a lesson, by its own
 * `cost.region` (a point may set it) or the user's `--prices`, each checked
 * for the figures that scenario needs: call it for every scenario before
 * running any, so a missing price stops the command at once.
 */
export function pricesForScenarios(pricesFile: string | undefined): (scenario: Scenario) => PriceTable {
  const tables = new Map<string, PriceTable>();
  return (scenario) => {
    const key = pricesFile ?? scenario.cost.region;
    let table = tables.get(key);
    if (!table) tables.set(key, (table = resolvePrices(scenario.cost.region, pricesFile, (message, hint) => new CliError(`${scenario.name}: cost.region: ${message}`, hint))));
    const gap = priceGap(table, scenario);
    if (gap) throw new CliError(`${scenario.name}: ${gap.message}`, gap.hint);
    return table;
  };
}
