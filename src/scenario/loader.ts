/**
 * Reads a scenario file (or any YAML/JSON document a user names) through
 * io/input-file.ts's limits, and parses it with ./scenario-text.ts; every
 * problem, reading or parsing, is a `ScenarioError` naming the file, the
 * path and the line, with a hint. The file-reading side of the loader:
 * the browser playground parses text with ./scenario-text.ts alone.
 */
import { DOCUMENT_MAX_BYTES, InputFileError, readInputFile } from '../io/input-file.js';
import { ScenarioError } from './scenario-error.js';
import { parseScenarioText, type LoadedScenario } from './scenario-text.js';
import type { Scenario } from './schema.js';

export * from './scenario-text.js';

export function loadScenario(file: string): Scenario {
  return loadScenarioFile(file).scenario;
}

export function loadScenarioFile(file: string): LoadedScenario {
  return parseScenarioText(readDocumentFile(file, 'give the path of a .yaml or .json scenario, e.g. scenarios/rest-lambda-basic.yaml'), file);
}

/**
 * Reads a file for `parseDocumentText` (a regular UTF-8 file of at most
 * DOCUMENT_MAX_BYTES, see io/input-file.ts), or throws the error a missing
 * or refused file gets. `what` names it in messages: `a price table`.
 */
export function readDocumentFile(file: string, hint: string, what = 'a scenario file'): string {
  try {
    return readInputFile(file, { maxBytes: DOCUMENT_MAX_BYTES, what, hint });
  } catch (error) {
    if (error instanceof InputFileError) throw new ScenarioError(file, [{ path: '', line: error.line, message: error.reason, hint: error.hint }]);
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(error)})`;
    throw new ScenarioError(file, [{ path: '', message, hint }]);
  }
}
