/**
 * `--json`, the same on every command (docs/commands.md: JSON output): on
 * success stdout holds one JSON document and nothing else (progress, notes
 * and hints go to stderr or are left out); on failure stdout holds nothing,
 * the error is printed on stderr as without --json, and the exit code says
 * which (2 bad input, 1 a bug; 3 failed thresholds or claims, whose
 * document is printed first, since the run itself succeeded). Numbers that
 * JSON cannot hold (Infinity, NaN) are null.
 */
import { jsonSafe } from '../report/number-format.js';

export function printJson(document: unknown): void {
  process.stdout.write(`${JSON.stringify(jsonSafe(document), null, 2)}\n`);
}

/** The flag as every command declares it. */
export const JSON_FLAG = ['--json', 'print one JSON document on stdout (docs/commands.md: JSON output); errors stay on stderr'] as const;
