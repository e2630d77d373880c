/**
 * Which price table a command uses: the user's `--prices` file, or the
 * bundled table of the Region asked for.
 */
import { BUNDLED_REGIONS, bundledPriceTable } from '../cost/prices.js';
import type { PriceTable } from '../cost/price-table.js';
import { loadPriceFile } from '../scenario/price-file.js';
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
  const hint = `bundled Regions: ${BUNDLED_REGIONS.join(', ')}; for another Region give your own table with --prices file.json (copy src/cost/prices/us-east-1.json)`;
  throw unknownRegion ? unknownRegion(message, hint) : new CliError(`--region ${message}`, hint);
}
