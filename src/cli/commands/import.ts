/**
 * `apigw-sim import <template> [--out scenario.yaml]`: start from what you
 * already run. Reads an OpenAPI 3 definition, a SAM template or a
 * CloudFormation template (as the CDK synthesises it) and writes a scenario
 * with every setting found, each commented with where it came from, and
 * PLACEHOLDER values for the load (docs/commands.md: import).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UnknownParameterError } from '../../import/intrinsics.js';
import { importTemplateFile } from '../../import/import-template.js';
import { ImportChoiceError } from '../../import/to-scenario.js';
import { writeFileAtomic } from '../../report/atomic-write.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { CliError } from '../cli-error.js';
import { shown } from '../options.js';

interface ImportOptions {
  out?: string;
  api?: string;
  function?: string;
  parameter: string[];
  force?: boolean;
  json?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('write a scenario from an OpenAPI 3 definition, a SAM template or a CloudFormation template (CDK output), each value commented with where it came from')
    .argument('<template>', 'OpenAPI 3, SAM or CloudFormation template (.yaml or .json)')
    .option('--out <file>', 'write the scenario to this file (default: print it)')
    .option('--api <logicalId>', 'the front door to import when the template has several (an API, load balancer or function URL)')
    .option('--function <logicalId>', 'the function whose routes to import when the API calls several (default: the one most routes call)')
    .option('--parameter <name=value>', "a template parameter's value instead of its Default (repeat)", (value: string, previous: string[]) => [...previous, value], [])
    .option('--force', 'replace the --out file if it exists')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim import template.yaml --out scenario.yaml\n  apigw-sim import cdk.out/MyStack.template.json --api MyApi49610EDF --parameter Stage=prod\n  apigw-sim import openapi.yaml | less')
    .action(async (file: string, options: ImportOptions) => {
      const parameters = parseParameters(options.parameter);
      if (options.out !== undefined && existsSync(options.out) && !options.force) throw new CliError(`--out ${shown(options.out)} already exists`, 'give another file, or --force to replace it');
      let text: string;
      try {
        text = importTemplateFile(file, { api: options.api, function: options.function, parameters }).text;
      } catch (error) {
        if (error instanceof ImportChoiceError) throw new CliError(`${file}: ${error.message}`, error.hint);
        if (error instanceof UnknownParameterError) throw new CliError(`${file}: ${error.message}`, error.known.length > 0 ? `its parameters: ${error.known.join(', ')}` : 'the template has no Parameters');
        throw error;
      }
      if (options.out !== undefined) await writeFileAtomic(options.out, text);
      if (options.json) printJson({ template: file, out: options.out ?? null, scenario: text });
      else if (options.out === undefined) process.stdout.write(text);
      else {
        process.stdout.write(`wrote ${options.out}: fill in its PLACEHOLDER values, then apigw-sim run ${options.out}\n`);
      }
    });
}

function parseParameters(given: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of given) {
    const eq = g.indexOf('=');
    if (eq <= 0) throw new CliError(`--parameter ${shown(g)} is not name=value`, 'e.g. --parameter Stage=prod');
    out[g.slice(0, eq)] = g.slice(eq + 1);
  }
  return out;
}
