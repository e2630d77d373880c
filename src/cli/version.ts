/** The package's name and version, read from package.json (one level above src/ and dist/). */
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version } as const;
