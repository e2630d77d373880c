/**
 * The command-line program. Every user error (bad scenario, bad flag) is
 * printed as one clear message without a stack trace and exits 2; a bug
 * exits 1 (stack with APIGW_SIM_DEBUG=1).
 */
import { Command } from 'commander';
import { EXIT_OK } from './cli-error.js';
import { reportError } from './report-error.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerCompare } from './commands/compare.js';
import { registerCompletion } from './commands/completion.js';
import { registerInit } from './commands/init.js';
import { registerImport } from './commands/import.js';
import { registerPrice } from './commands/price.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerLessons } from './commands/lessons.js';
import { registerMerge } from './commands/merge.js';
import { registerSchema } from './commands/schema.js';
import { registerShard } from './commands/shard.js';
import { registerSweep } from './commands/sweep.js';
import { registerValidate } from './commands/validate.js';
import { TOOL } from './version.js';

export function createProgram(): Command {
  const program = new Command()
    .name('apigw-sim')
    .description('Simulate API Gateway / ALB front doors on AWS: latency, errors, retries and cost')
    .version(TOOL.version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n  apigw-sim init rest-lambda --out my-api.yaml\n  apigw-sim run scenarios/rest-lambda-basic.yaml\n  apigw-sim price --requests 40M/month --type rest,http,alb --lambda 512MB:120ms:arm64\n  apigw-sim report reports/rest-lambda-basic\n  apigw-sim validate my-scenario.yaml\n  apigw-sim schema > scenario.schema.json',
    );
  registerInit(program);
  registerRun(program);
  registerPrice(program);
  registerCompare(program);
  registerReport(program);
  registerSweep(program);
  registerShard(program);
  registerMerge(program);
  registerLessons(program);
  registerValidate(program);
  registerSchema(program);
  registerCompletion(program);
  registerImport(program);
  registerCalibrate(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `apigw-sim run x | head`: a reader that stops reading is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
  try {
    await createProgram().parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    return reportError(error);
  }
}
