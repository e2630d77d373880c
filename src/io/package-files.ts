/**
 * Where the files apigw-sim ships sit once it is installed: the starter
 * templates (templates/), the editor schema (schema/) and the bundled price
 * tables (copied by the build beside the compiled cost/ module, so
 * dist/cost/prices/ in a package and src/cost/prices/ when run from the
 * sources). Paths are found from this module's own place, so they hold for
 * a global install, an npx cache and a checkout alike.
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (this module is dist/io/ or src/io/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A file of the package, by its path inside the package: `packageFile('templates', 'rest-lambda.yaml')`. */
export function packageFile(...parts: string[]): string {
  return fileURLToPath(new URL(parts.join('/'), new URL('../../', import.meta.url)));
}

/** The bundled price table of a Region, as a file a user can copy. */
export function bundledPriceFile(region: string): string {
  return fileURLToPath(new URL(`../cost/prices/${region}.json`, import.meta.url));
}

/** A path as a message shows it: relative to the working folder when inside it, else absolute. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
