/**
 * The command-line program. Every user error (bad scenario, bad flag) is
 * printed as one clear message without a stack trace and exits 2; a bug
 * exits 1 (stack with APIGW_SIM_DEBUG=1).
 */
import { Command, CommanderError } from 'commander';
import { MissingPriceError } from '../cost/cost-line.js';
import { InputFileError } from '../io/input-file.js';
import { bundledPriceFile, shownPath } from '../io/package-files.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import { OutputPathError } from '../report/atomic-write.js';
import { CliError, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_THRESHOLDS, ThresholdsFailed } from './cli-error.js';
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

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help / version)
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof ScenarioError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof ThresholdsFailed) return EXIT_THRESHOLDS;
  // an error thrown on a worker thread comes back as a plain Error with its name
  if (error instanceof MissingPriceError || (error instanceof Error && error.name === 'MissingPriceError')) {
    process.stderr.write(`error: ${error.message}\n  hint: pass --prices with a table that has it (copy a bundled one, such as ${shownPath(bundledPriceFile('us-east-1'))}, and fill it in)\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof InputFileError) {
    process.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof OutputPathError) {
    process.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n`);
    return EXIT_BAD_INPUT;
  }
  const fsProblem = fileSystemProblem(error);
  if (fsProblem) {
    process.stderr.write(`error: ${fsProblem}\n  hint: check the path, and that you may read or write there (--out takes a folder apigw-sim may create or replace)\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${message}\n  this is a bug in apigw-sim; please report it with the scenario file\n`);
  if (process.env.APIGW_SIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT_INTERNAL;
}

/** What the operating system refused, said for a user (a path that is not there, not writable, a file for a folder...); null for any other error. */
function fileSystemProblem(error: unknown): string | null {
  const e = error as Partial<NodeJS.ErrnoException> & { dest?: string };
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return null;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder, not a file',
    EBUSY: 'it is in use (a mount point?)',
    ENOSPC: 'no space left on the device',
    EEXIST: 'it already exists',
    EINVAL: 'not a valid target for this',
    ENAMETOOLONG: 'the name is too long',
  };
  const reason = reasons[e.code];
  if (reason === undefined) return null;
  const path = e.path ? ` ${e.dest ?? e.path}` : '';
  return `cannot ${e.syscall}${path}: ${reason}`;
}
