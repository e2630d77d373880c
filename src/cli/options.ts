/** Parsers for command-line flags: bad values are CliErrors (exit 2). */
import { CliError } from './cli-error.js';

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new CliError(`--seed ${text} is not a seed`, 'give a whole number from 0 to 4294967295');
  }
  return seed;
}
