/** The browser twin of src/cli/version.ts (web/vite.config.ts swaps it in): the package's name and version, inlined by the bundler. */
import pkg from '../../../package.json';

export const TOOL = { name: pkg.name, version: pkg.version } as const;
