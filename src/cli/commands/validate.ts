/** `apigw-sim validate <scenario>`: check a file without running it (its prices too). */
import type { Command } from 'commander';
import { loadScenarioFile } from '../../scenario/loader.js';
import { resolveScenarioPrices } from '../prices.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file (and the price table it would use) and report every problem with its line')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--prices <file>', "check against this price table instead of the bundled one of the scenario's cost.region")
    .action((file: string, options: { prices?: string }) => {
      const { scenario, problemAt } = loadScenarioFile(file);
      resolveScenarioPrices(scenario, options.prices, problemAt);
      process.stdout.write(`${file}: ok (${scenario.name})\n`);
    });
}
