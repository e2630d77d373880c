/** Parsers for command-line flags: bad values are CliErrors (exit 2). */
import { API_TYPES, FRONT_DOOR_TYPES, type ApiType } from '../catalog/entry-points.js';
import { CliError } from './cli-error.js';

/** Digits only: `Number()` would also take `0x10`, ` 5`, `1e3` and `` (0). */
const DIGITS = /^\d+$/;

/** A flag's value as an error shows it: quoted when spaces or nothing would not show. */
export function shown(text: string): string {
  return /^\S+$/.test(text) ? text : JSON.stringify(text);
}

export function parseSeed(text: string): number {
  const seed = DIGITS.test(text) ? Number(text) : NaN;
  if (!(seed <= 2 ** 32 - 1)) throw new CliError(`--seed ${shown(text)} is not a seed`, 'give a whole number from 0 to 4294967295, in decimal digits');
  return seed;
}

export const MAX_REPLICATIONS = 1000;
export const MAX_WORKERS = 256;

/** A whole number in [min, max] given to `flag` in decimal digits, or one clear error. */
export function parseCount(flag: string, text: string, min: number, max: number): number {
  const n = DIGITS.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new CliError(`${flag} ${shown(text)} is not a whole number from ${min} to ${max}`, `e.g. ${flag} ${Math.max(min, Math.min(max, 10))}`);
  return n;
}

/** A share from 0 to 1 given to `flag` as a decimal (`0.2`, `1`, `.5`), or one clear error. */
export function parseRatio(flag: string, text: string): number {
  const value = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= 1)) throw new CliError(`${flag} ${shown(text)} is not a ratio`, 'give a share from 0 to 1, e.g. 0.2');
  return value;
}

/** `rest,http,alb` -> the entry-point types, each once, in the order given; the asynchronous ones (an event bus) only where `asynchronous`. */
export function parseFrontDoorTypes(flag: string, text: string, options: { asynchronous?: boolean } = {}): ApiType[] {
  const allowed: readonly string[] = options.asynchronous ? API_TYPES : FRONT_DOOR_TYPES;
  const types = text.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  const unknown = types.filter((t) => !allowed.includes(t));
  if (types.length === 0 || unknown.length > 0) {
    throw new CliError(`${flag} ${text}: ${unknown.length > 0 ? `unknown type ${unknown.map((u) => `"${u}"`).join(', ')}` : 'names no type'}`, `give some of ${allowed.join(', ')}, comma-separated`);
  }
  return [...new Set(types)] as ApiType[];
}
