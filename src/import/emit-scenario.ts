/**
 * Writes an imported scenario as YAML with the `yaml` library's Document API:
 * each value with a comment saying where it came from (`# from template:
 * MyFunction.Properties.MemorySize, line 23`) or that it is a PLACEHOLDER to
 * fill in, and a header listing what was read but not mapped.
 *
 * The text is checked as `validate` would check it before it is handed back:
 * a value the template gives that the scenario refuses (a cache size API
 * Gateway does not offer, provisioned above reserved concurrency) is an
 * error at the template's line, with the scenario's message and hint.
 */
import { Document, isScalar, type Node } from 'yaml';
import { parseScenarioText } from '../scenario/loader.js';
import { formatPath, ScenarioError, type ScenarioProblem } from '../scenario/scenario-error.js';
import type { Note } from './front-door-model.js';
import type { Segment } from './template-source.js';

export interface DraftValue {
  path: Segment[];
  value: unknown;
  /** Where it came from (`MyFunction.Properties.MemorySize`), or why it is what it is. */
  comment: string;
  line?: number;
  /** placeholder: a value the template does not give, to fill in (marked PLACEHOLDER); default: AWS's default, the template giving none. */
  kind?: 'placeholder' | 'default';
  /** Written as a one-line `{ ... }` / `[ ... ]`. */
  flow?: boolean;
}

export interface Draft {
  /** The template, as the user named it. */
  file: string;
  /** What it was read as and what was picked: the first lines of the header. */
  summary: string[];
  values: DraftValue[];
  /** Lines for the header's "not mapped" list. */
  notes: Note[];
}

/** The scenario's text; throws a ScenarioError at the template's line when a value read from it is refused. */
export function emitScenario(draft: Draft, outName: string): string {
  const doc = new Document(nest(draft.values));
  for (const v of draft.values) {
    const node = doc.getIn(v.path, true) as Node | undefined;
    if (!node) continue;
    if (v.flow && !isScalar(node)) (node as { flow?: boolean }).flow = true;
    const text = v.kind === 'placeholder' ? `PLACEHOLDER: ${v.comment}` : v.kind === 'default' ? `AWS default: ${v.comment}` : `from template: ${v.comment}${v.line ? `, line ${v.line}` : ''}`;
    node.comment = ` ${text}`;
  }
  doc.commentBefore = header(draft)
    .map((l) => ` ${l}`)
    .join('\n');
  const text = doc.toString({ lineWidth: 0 });
  check(text, outName, draft);
  return text;
}

function header(draft: Draft): string[] {
  const lines = [...draft.summary, '', 'Values marked PLACEHOLDER are not in the template: replace them with your own', '(the load, the run time of each function). It validates and runs as written.'];
  if (draft.notes.length > 0) {
    lines.push('', 'Read but not mapped:');
    for (const n of draft.notes) lines.push(`  - ${n.text}${n.line ? ` (line ${n.line})` : ''}`);
  }
  return lines;
}

/** The values as one nested object, keys in the order they were given. */
function nest(values: readonly DraftValue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const v of values) {
    let at: Record<string | number, unknown> = root;
    v.path.forEach((segment, i) => {
      if (i === v.path.length - 1) {
        at[segment] = v.value;
        return;
      }
      if (at[segment] === undefined) at[segment] = typeof v.path[i + 1] === 'number' ? [] : {};
      at = at[segment] as Record<string | number, unknown>;
    });
  }
  return root;
}

function check(text: string, outName: string, draft: Draft): void {
  try {
    parseScenarioText(text, outName);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const problems: ScenarioProblem[] = error.problems.map((p) => {
      const v = blamed(draft.values, p.path);
      if (!v || v.kind === 'placeholder') throw new Error(`the imported scenario does not validate: ${error.message}`); // the importer's mistake, not the template's
      return { path: v.comment.split(' ')[0], line: v.line, message: `${p.message} (as the scenario's ${p.path})`, hint: p.hint };
    });
    throw new ScenarioError(draft.file, problems);
  }
}

/** The value a scenario problem at `path` is about: the one at that path, else the deepest one under it (a problem on a mapping is its fields'). */
function blamed(values: readonly DraftValue[], path: string): DraftValue | undefined {
  const exact = values.find((v) => formatPath(v.path) === path);
  if (exact) return exact;
  const under = values.filter((v) => v.kind !== 'placeholder' && (formatPath(v.path).startsWith(`${path}.`) || formatPath(v.path).startsWith(`${path}[`)));
  return under[0] ?? values.find((v) => path.startsWith(`${formatPath(v.path)}.`));
}
