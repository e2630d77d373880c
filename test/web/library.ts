/** The playground's scenario library as the browser bundle has it (web/src/lessons.ts), read from disk: every scenarios/**\/*.yaml by its path from the root. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.js';

export function diskLibrary(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(join(ROOT, 'scenarios'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path.slice(ROOT.length).replace(/\\/g, '/'), readFileSync(path, 'utf8')];
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
