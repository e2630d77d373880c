/** `apigw-sim schema`: print the scenario JSON Schema (for editor autocompletion). */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (point your editor at it)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
