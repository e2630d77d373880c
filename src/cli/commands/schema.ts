/**
 * `apigw-sim schema`: print the scenario JSON Schema (for editor
 * autocompletion): the package's schema/scenario.schema.json, generated
 * from the scenario definition with the reference's descriptions
 * (`npm run schema`; docs/editors.md says how to point an editor at it).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { packageFile } from '../../io/package-files.js';
import { JSON_FLAG } from '../json-output.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (point your editor at it)')
    .addHelpText('after', `\nThe same file ships with apigw-sim: ${packageFile('schema', 'scenario.schema.json')}\n(docs/editors.md: the yaml-language-server modeline and VS Code settings)`)
    .option(...JSON_FLAG)
    .action(() => {
      // the schema is one JSON document already: --json prints it as it is
      process.stdout.write(readFileSync(packageFile('schema', 'scenario.schema.json'), 'utf8'));
    });
}
