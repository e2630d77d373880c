/**
 * The browser playground's build (`npm run build:web` -> web/dist/): the
 * page, and the simulator in a module Web Worker from the same src/ files
 * as the CLI. Two rules are enforced here, at build time:
 *
 * - nothing in the bundle may import a Node built-in (`node:fs`, `os`...):
 *   the build fails naming the importing file, so a Node-only import that
 *   creeps into the core is found by the bundler, not by a user;
 * - the few Node adapters the core reaches (NODE_ADAPTERS) are swapped for
 *   their browser twins in web/src/adapters/, with the same exports.
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { outlineModule, outlineSchema } from './src/editor/schema-outline.js';

const WEB = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WEB, '..');

/** src/ file (Node) -> web/src/adapters/ file (browser), same exports. */
export const NODE_ADAPTERS: Readonly<Record<string, string>> = {
  'src/report/browser-builds.ts': 'web/src/adapters/browser-builds.ts',
  'src/metrics/histogram-memory.ts': 'web/src/adapters/histogram-memory.ts',
  'src/cli/version.ts': 'web/src/adapters/version.ts',
};

/** Whether the package holding `importer` maps `builtin` to false in its package.json's browser field (it guards the require and never uses it in a browser). */
function mappedAway(importer: string, builtin: string): boolean {
  const at = importer.lastIndexOf('/node_modules/');
  if (at < 0) return false;
  const rest = importer.slice(at + '/node_modules/'.length).split('/');
  const dir = importer.slice(0, at + '/node_modules/'.length) + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
  try {
    const browser = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { browser?: unknown }).browser;
    return typeof browser === 'object' && browser !== null && (browser as Record<string, unknown>)[builtin] === false;
  } catch {
    return false;
  }
}

function browserOnly(): Plugin {
  const adapters = new Map(Object.entries(NODE_ADAPTERS).map(([from, to]) => [resolve(ROOT, from), resolve(ROOT, to)]));
  return {
    name: 'apigw-sim-browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (isBuiltin(source)) {
        // a package whose browser field maps the built-in away (seedrandom's `crypto: false`) is fine
        if (importer && mappedAway(importer, source)) return this.resolve(source, importer, { skipSelf: true });
        this.error(`${importer ? importer.replace(`${ROOT}/`, '') : 'the entry'} imports the Node built-in "${source}": keep Node-only code behind an adapter the CLI uses (see web/vite.config.ts)`);
      }
      if (importer && source.startsWith('.')) {
        const target = resolve(dirname(importer), source).replace(/\.js$/, '.ts');
        const swapped = adapters.get(target);
        if (swapped) return swapped;
      }
      return null;
    },
  };
}

/** `virtual:scenario-schema-outline`: the shipped schema/scenario.schema.json as the editor reads it (outlineSchema), its repeated parts written once (outlineModule), for the editor's chunk. */
function scenarioSchemaOutline(): Plugin {
  const id = 'virtual:scenario-schema-outline';
  const file = resolve(ROOT, 'schema/scenario.schema.json');
  return {
    name: 'apigw-sim-scenario-schema-outline',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      this.addWatchFile(file);
      return outlineModule(outlineSchema(JSON.parse(readFileSync(file, 'utf8'))));
    },
  };
}

/**
 * Warnings that are not ours: hdr-histogram-js's browser build uses a direct
 * eval to find `require` (it never gets one in a browser), and on a busy
 * machine the bundler reports its own slow plugin hooks.
 */
const quiet = { checks: { eval: false, pluginTimings: false } };

export default defineConfig({
  root: WEB,
  base: './',
  resolve: {
    // csv-stringify's own browser build (its Node build uses Buffer): the same stringifier with a bundled Buffer shim
    alias: [{ find: /^csv-stringify\/sync$/, replacement: resolve(ROOT, 'node_modules/csv-stringify/dist/esm/sync.js') }],
  },
  plugins: [browserOnly(), scenarioSchemaOutline()],
  worker: { format: 'es', plugins: () => [browserOnly()], rolldownOptions: quiet },
  build: {
    outDir: resolve(WEB, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2048,
    rolldownOptions: quiet,
  },
  server: { fs: { allow: [ROOT] } },
  preview: { host: '127.0.0.1' },
});
