/**
 * Where a position of a YAML text is, as the scenario schema sees it: the
 * path of keys and indexes to the value there, and what is being written
 * (a key, or a value) for completion. Read from CodeMirror's YAML syntax
 * tree (Lezer), which keeps a tree through half-typed text.
 */
import { yamlLanguage } from '@codemirror/lang-yaml';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { PathStep } from './schema-outline.js';

/** A path, and for each mapping on it (by the path's length where it stands) the scalar values written in it: `{ type: lambda }` narrows a union. */
export interface YamlPlace {
  path: PathStep[];
  siblings: Map<number, Record<string, string>>;
}

/** What completion may offer at a position: `key` of the mapping at `path` (but not those in `present`), or a `value` of the field at `path`. */
export interface CompletionPlace extends YamlPlace {
  kind: 'key' | 'value' | 'item';
  /** The word being written: from..to of the text. */
  from: number;
  to: number;
  /** Keys already written in the mapping (key completion leaves them out). */
  present: string[];
  /** Whether the key stands in a block mapping (a key of an object then opens an indented line). */
  block: boolean;
}

const MAPPINGS = new Set(['BlockMapping', 'FlowMapping']);
const SEQUENCES = new Set(['BlockSequence', 'FlowSequence']);

const scalarText = (text: string, node: SyntaxNode | null): string | undefined => {
  if (!node || (node.name !== 'Literal' && node.name !== 'QuotedLiteral')) return undefined;
  const raw = text.slice(node.from, node.to);
  return node.name === 'QuotedLiteral' ? raw.slice(1, -1) : raw;
};

/** A Pair's key as written (quotes taken off). */
export function keyOf(text: string, pair: SyntaxNode): string | undefined {
  const key = pair.getChild('Key');
  return key ? scalarText(text, key.firstChild) : undefined;
}

/** A mapping's pairs whose value is a scalar: `{ key: text }`. */
function scalars(text: string, mapping: SyntaxNode, skip: SyntaxNode | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of mapping.getChildren('Pair')) {
    if (skip && pair.from === skip.from) continue;
    const key = keyOf(text, pair);
    const value = scalarText(text, pair.lastChild);
    if (key !== undefined && value !== undefined) out[key] = value;
  }
  return out;
}

/** The path to the value that holds `node` (a key's own text is not a step: a key stands in its mapping). */
export function placeOf(text: string, node: SyntaxNode): YamlPlace {
  const steps: PathStep[] = [];
  const mappings: Array<{ depth: number; written: Record<string, string> }> = [];
  let from: SyntaxNode = node;
  for (let at = node.parent; at; from = at, at = at.parent) {
    if (at.name === 'Pair' && from.name !== 'Key') {
      const key = keyOf(text, at);
      if (key !== undefined) steps.push(key);
    } else if (at.name === 'Item' && at.parent && SEQUENCES.has(at.parent.name)) {
      steps.push(at.parent.getChildren('Item').findIndex((i) => i.from === at!.from));
    } else if (MAPPINGS.has(at.name)) {
      mappings.push({ depth: steps.length, written: scalars(text, at, from.name === 'Pair' ? from : null) });
    }
  }
  const path = steps.reverse();
  return { path, siblings: new Map(mappings.map((m) => [path.length - m.depth, m.written])) };
}

/** The path of the field whose key or value is at `pos`, for hover text; undefined off a key or a scalar value. */
export function fieldAt(tree: Tree, text: string, pos: number): { path: PathStep[]; siblings: Map<number, Record<string, string>>; from: number; to: number } | undefined {
  const node = tree.resolveInner(pos, 1);
  if (node.name !== 'Literal' && node.name !== 'QuotedLiteral') return undefined;
  const place = placeOf(text, node);
  if (node.parent?.name === 'Key' && node.parent.parent?.name === 'Pair') {
    const key = scalarText(text, node);
    if (key === undefined) return undefined;
    return { ...place, path: [...place.path, key], from: node.from, to: node.to };
  }
  return { ...place, from: node.from, to: node.to };
}

const WORD = /[\w$.\/-]*$/;
const WORD_AFTER = /^[\w$.\/-]*/;
const PLACEHOLDER = 'zzcursor';

/**
 * What is being written at `pos`: the word there is swapped for a placeholder
 * and the text parsed again, so that a blank line, a half-typed key or an
 * empty value all land in the tree where the finished word will.
 */
export function completionPlace(text: string, pos: number): CompletionPlace | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  if (/(^|\s)#/.test(before)) return undefined; // in a comment
  const from = pos - (WORD.exec(before)?.[0].length ?? 0);
  const to = pos + (WORD_AFTER.exec(text.slice(pos))?.[0].length ?? 0);
  // a word alone on its line is a key being written: with its colon, the parser cannot join it to the next line's key
  const lineEnd = text.indexOf('\n', to) < 0 ? text.length : text.indexOf('\n', to);
  const alone = /^\s*$/.test(text.slice(lineStart, from)) && /^\s*$/.test(text.slice(to, lineEnd));
  const probe = text.slice(0, from) + PLACEHOLDER + (alone ? ':' : '') + text.slice(to);
  const node = yamlLanguage.parser.parse(probe).resolveInner(from + 1, 1);
  if (node.name !== 'Literal' || probe.slice(node.from, node.to) !== PLACEHOLDER) return undefined;
  const parent = node.parent;
  const base = { from, to, block: false, present: [] as string[] };
  if (parent?.name === 'Key' && parent.parent?.name === 'Pair') {
    const pair = parent.parent;
    const mapping = pair.parent;
    const place = placeOf(probe, pair);
    const present = mapping && MAPPINGS.has(mapping.name) ? mapping.getChildren('Pair').filter((p) => p.from !== pair.from).flatMap((p) => keyOf(probe, p) ?? []) : [];
    return { ...place, ...base, kind: 'key', present, block: mapping?.name === 'BlockMapping' };
  }
  const place = placeOf(probe, node);
  if (parent?.name === 'Item') return { ...place, ...base, kind: 'item' };
  // a word alone on the line under `key:` is read as the key's value, but it is the first key of its mapping being written
  if (parent?.name === 'Pair') return { ...place, ...base, ...(probe.slice(parent.from, from).includes('\n') ? { kind: 'key', block: true } : { kind: 'value' }) };
  // a lone word where a mapping's key would go (a document of one word, a word under a key with nothing after it)
  return { ...place, ...base, kind: 'key', block: true };
}
