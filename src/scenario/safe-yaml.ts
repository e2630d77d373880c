/**
 * The limits a YAML (or JSON) document is held to before its data is used,
 * each broken one a problem with its path, line and hint:
 *
 * - collections nest at most MAX_NESTING deep: the flow brackets are counted
 *   on the lexer's tokens before anything is built (`[[[[...` would make the
 *   parser recurse until the stack runs out), the whole tree after parsing;
 * - no tag but the core ones (`!!str`, `!!int`, `!!float`, `!!bool`,
 *   `!!null`, `!!map`, `!!seq`) on a value they fit: `!env HOME` is not read
 *   as the text "HOME", `!!int 512MB` is not read as the text "512MB";
 * - aliases expand at most MAX_ALIAS_COUNT nodes (yaml's `maxAliasCount`),
 *   so an alias bomb is refused instead of expanding into billions of nodes.
 */
import { CST, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Lexer, type Alias, type Document, type LineCounter, type Node } from 'yaml';
import { formatPath, type ScenarioProblem } from './scenario-error.js';

/** How deep collections may nest. The shipped scenarios and price tables go 6 deep; the parser would overflow its stack near 1,000. */
export const MAX_NESTING = 32;
/** yaml's own default: an alias used N times in a node holding M aliases counts N × M. */
export const MAX_ALIAS_COUNT = 100;

const CORE_TAG = 'tag:yaml.org,2002:';
/** The core tags read, each with the values it fits once resolved. */
const CORE_TAGS: Record<string, (node: Node) => boolean> = {
  str: (n) => isScalar(n) && typeof n.value === 'string',
  int: (n) => isScalar(n) && ((typeof n.value === 'number' && Number.isInteger(n.value)) || typeof n.value === 'bigint'),
  float: (n) => isScalar(n) && typeof n.value === 'number',
  bool: (n) => isScalar(n) && typeof n.value === 'boolean',
  null: (n) => isScalar(n) && n.value === null,
  map: (n) => isMap(n),
  seq: (n) => isSeq(n),
};

const TOO_DEEP = (line: number | undefined, path = ''): ScenarioProblem => ({
  path,
  line,
  message: `nested more than ${MAX_NESTING} levels deep`,
  hint: 'a scenario or price table nests a few levels (failures[0].throttle.rate); check the brackets and the indentation',
});

/** Tokens the lexer emits that are not in the text (document start, scalar and flow-error marks). */
const MARKS = new Set(['\x02', '\x18', '\x1f']);

/** The first flow bracket that opens more than MAX_NESTING levels, found on the lexer's tokens (linear, no recursion); null if none does. */
export function flowNestingProblem(text: string): ScenarioProblem | null {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (MARKS.has(token)) continue;
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++depth > MAX_NESTING) return TOO_DEEP(lineAt(text, offset));
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      depth = Math.max(0, depth - 1);
    }
    offset += token.length;
  }
  return null;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

type Segment = string | number;

/** Nesting deeper than MAX_NESTING and tags that are not read, each with its path and line. */
export function documentProblems(doc: Document, lines: LineCounter): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const lineOf = (node: Node) => (node.range ? lines.linePos(node.range[0]).line : undefined);
  const walk = (node: unknown, path: Segment[], depth: number): boolean => {
    if (!node || typeof node !== 'object') return true;
    const n = node as Node;
    const tagProblem = n.tag === undefined ? null : tagProblemOf(n);
    if (tagProblem) problems.push({ path: formatPath(path), line: lineOf(n), ...tagProblem });
    if (!isCollection(n)) return true;
    if (depth + 1 > MAX_NESTING) {
      problems.push(TOO_DEEP(lineOf(n), formatPath(path)));
      return false;
    }
    for (const [i, item] of n.items.entries()) {
      if (isPair(item)) {
        const segment: Segment = isScalar(item.key) ? String(item.key.value) : '?';
        if (!walk(item.key, path, depth + 1) || !walk(item.value, [...path, segment], depth + 1)) return false;
      } else if (!walk(item, [...path, i], depth + 1)) {
        return false;
      }
    }
    return true;
  };
  walk(doc.contents, [], 0);
  return problems;
}

function tagProblemOf(node: Node): { message: string; hint: string } | null {
  const tag = node.tag as string;
  const shown = tag.startsWith(CORE_TAG) ? `!!${tag.slice(CORE_TAG.length)}` : tag;
  const fits = tag.startsWith(CORE_TAG) ? CORE_TAGS[tag.slice(CORE_TAG.length)] : undefined;
  if (!fits) {
    return {
      message: `the YAML tag ${shown} is not read here`,
      hint: 'write the value itself, without a tag (apigw-sim reads no environment variables or other files; the core tags !!str, !!int, !!float, !!bool and !!null are read on values they fit)',
    };
  }
  if (fits(node)) return null;
  const value = isScalar(node) ? JSON.stringify(node.source ?? node.value) : isMap(node) ? 'a mapping' : 'a list';
  return { message: `the tag ${shown} does not fit ${value}`, hint: `remove the tag and write the value as it is${isScalar(node) ? `, e.g. ${String(node.source ?? node.value)}` : ''}` };
}

/** The document's data, or a problem at the alias to blame when its aliases expand past MAX_ALIAS_COUNT. */
export function documentData(doc: Document, lines: LineCounter): { data: unknown } | { problem: ScenarioProblem } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    const alias = blamedAlias(doc);
    return {
      problem: {
        path: alias ? formatPath(alias.path) : '',
        line: alias?.node.range ? lines.linePos(alias.node.range[0]).line : undefined,
        message: `the aliases expand into too many copies (more than ${MAX_ALIAS_COUNT} through aliases of aliases): an alias bomb?`,
        hint: 'write the values out, or use an alias (*name) of a plain value rather than of a list of aliases',
      },
    };
  }
}

/** The first alias whose anchored node holds aliases itself (the start of the chain that multiplies), else the first alias. */
function blamedAlias(doc: Document): { node: Alias; path: Segment[] } | undefined {
  const aliases: Array<{ node: Alias; path: Segment[] }> = [];
  const collect = (node: unknown, path: Segment[], into: typeof aliases, depth: number) => {
    if (isAlias(node)) into.push({ node, path });
    if (!isCollection(node) || depth > MAX_NESTING) return;
    node.items.forEach((item, i) => {
      if (isPair(item)) collect(item.value, [...path, isScalar(item.key) ? String(item.key.value) : '?'], into, depth + 1);
      else collect(item, [...path, i], into, depth + 1);
    });
  };
  collect(doc.contents, [], aliases, 0);
  return (
    aliases.find((a) => {
      const inner: typeof aliases = [];
      collect(a.node.resolve(doc), [], inner, 0);
      return inner.length > 0;
    }) ?? aliases[0]
  );
}
