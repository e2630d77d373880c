/**
 * The bundled price tables, one per Region (./prices/<region>.json), checked
 * against the schema when first used. A user's own table (negotiated
 * prices) is loaded by the CLI through the same schema.
 */
import euWest1 from './prices/eu-west-1.json' with { type: 'json' };
import usEast1 from './prices/us-east-1.json' with { type: 'json' };
import { priceTableSchema, type PriceTable } from './price-table.js';
import { PARSED_ONCE } from '../catalog/parse-once.js';

const BUNDLED: Record<string, unknown> = { 'us-east-1': usEast1, 'eu-west-1': euWest1 };

export const BUNDLED_REGIONS: readonly string[] = Object.keys(BUNDLED);

const checked = new Map<string, PriceTable>();

/** The bundled table of `region`; undefined when none is bundled. */
export function bundledPriceTable(region: string): PriceTable | undefined {
  const cached = checked.get(region);
  if (cached) return cached;
  const raw = BUNDLED[region];
  if (raw === undefined) return undefined;
  const table = priceTableSchema.parse(raw, PARSED_ONCE);
  checked.set(region, table);
  return table;
}
