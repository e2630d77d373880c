/** A parameter set in a scenario's YAML text, as a control sets it (./parameters.ts), the rest of the file and its comments kept. */
import { isMap, parseDocument } from 'yaml';
import type { Scenario } from '../../../src/scenario/schema.js';
import { PARAMETERS } from './parameters.js';

/** The YAML text with one parameter set (its comments and the rest of the file kept). */
export function withParameter(text: string, s: Scenario, id: string, value: number | string): string {
  const p = PARAMETERS.find((candidate) => candidate.id === id);
  if (!p) throw new Error(`no parameter "${id}"`);
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  const written = p.write(value, s);
  if (written === undefined) doc.deleteIn(p.path);
  else doc.setIn(p.path, doc.createNode(written, { flow: typeof written === 'object' }));
  return doc.toString({ lineWidth: 0 });
}
