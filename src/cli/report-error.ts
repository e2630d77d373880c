/**
 * How a command's failure reaches the user: one `error:` line (and a
 * `hint:`) on stderr for what the user can fix, with exit code 2; an
 * `internal error` (a bug) with exit code 1; nothing more for failures
 * already printed (failed thresholds, exit code 3; a file of several that
 * `validate` already reported).
 */
import { CommanderError } from 'commander';
import { MissingPriceError } from '../cost/cost-line.js';
import { InputFileError } from '../io/input-file.js';
import { bundledPriceFile, shownPath } from '../io/package-files.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import { OutputPathError } from '../report/atomic-write.js';
import { AlreadyReported, CliError, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_THRESHOLDS, ThresholdsFailed } from './cli-error.js';

/** Prints what went wrong (or nothing, when it is already printed) and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help / version)
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof ScenarioError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof ThresholdsFailed) return EXIT_THRESHOLDS;
  if (error instanceof AlreadyReported) return error.exitCode;
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
