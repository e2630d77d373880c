/** `apigw-sim validate <scenario>`: check a file without running it. */
import type { Command } from 'commander';
import { loadScenario } from '../../scenario/loader.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file and report every problem with its line')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .action((file: string) => {
      const scenario = loadScenario(file);
      process.stdout.write(`${file}: ok (${scenario.name})\n`);
    });
}
