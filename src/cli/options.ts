/** Parsers for command-line flags: bad values are CliErrors (exit 2). */
import { API_TYPES, FRONT_DOOR_TYPES, type ApiType } from '../catalog/entry-points.js';
import { CliError } from './cli-error.js';

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new CliError(`--seed ${text} is not a seed`, 'give a whole number from 0 to 4294967295');
  }
  return seed;
}

export const MAX_REPLICATIONS = 1000;
export const MAX_WORKERS = 256;

/** A whole number in [min, max] given to `flag`, or one clear error. */
export function parseCount(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${flag} ${text} is not a whole number from ${min} to ${max}`, `e.g. ${flag} ${Math.max(min, Math.min(max, 10))}`);
  return n;
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
