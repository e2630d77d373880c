/**
 * A user's own price table (`--prices file.json`, e.g. negotiated prices):
 * checked against the same schema as the bundled tables, with the same
 * errors as a scenario (file, path, line, hint).
 */
import { priceTableSchema, type PriceTable } from '../cost/price-table.js';
import { bundledPriceFile, shownPath } from '../io/package-files.js';
import { parseDocumentText, readDocumentFile } from './loader.js';

export function loadPriceFile(file: string): PriceTable {
  const bundled = shownPath(bundledPriceFile('us-east-1'));
  const text = readDocumentFile(file, `give the path of a price table in JSON (or YAML); start from ${bundled}`, 'a price table');
  return parseDocumentText(text, file, priceTableSchema, {
    message: 'expected a price table (a mapping with region, effectiveDate, apiGateway, lambda, alb...)',
    hint: `copy ${bundled} and change the figures`,
  });
}
