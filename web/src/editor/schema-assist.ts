/**
 * Completion and hover for the scenario editor, from the scenario's JSON
 * Schema: the keys a mapping takes (each with its description), the values
 * an enumerated field takes, and a field's description under the pointer.
 * Validation is not here: problems come from the CLI's own loader.
 */
import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { hoverTooltip, type Tooltip } from '@codemirror/view';
import { alternatives, descriptionAt, keysAt, valuesAt, type PathStep, type SchemaNode } from './schema-outline.js';
import { completionPlace, fieldAt } from './yaml-place.js';

/** A description's text with its `code` spans as <code> elements (descriptions are the reference's Markdown). */
export function describeInto(element: HTMLElement, text: string): void {
  text.split('`').forEach((part, i) => element.append(i % 2 ? Object.assign(document.createElement('code'), { textContent: part }) : part));
}

const isObjectOnly = (field: SchemaNode) => alternatives(field).every((a) => a.type === 'object' || (a.properties !== undefined && a.type === undefined));

/** One completion: what the list shows, what it writes, and the field's description. */
export interface Offer {
  label: string;
  kind: 'key' | 'value';
  apply: string;
  description: string | undefined;
}

/** The completions at `pos` of `text`: keys not yet written in the mapping, or the values the field allows. */
export function schemaCompletions(schema: SchemaNode, text: string, pos: number): { from: number; to: number; options: Offer[] } | undefined {
  const place = completionPlace(text, pos);
  if (!place) return undefined;
  const { from, to } = place;
  const keys = (): Offer[] => {
    const column = from - (text.lastIndexOf('\n', from - 1) + 1);
    return keysAt(schema, place.path, place.siblings)
      .filter((k) => !place.present.includes(k.key))
      .map(({ key, description, node }) => ({ label: key, kind: 'key', description, apply: place.block && isObjectOnly(node) ? `${key}:\n${' '.repeat(column + 2)}` : `${key}: ` }));
  };
  const values = valuesAt(schema, place.path, place.siblings)
    .filter((v) => typeof v.value !== 'object' || v.value === null)
    .map(({ value, description }): Offer => ({ label: String(value), kind: 'value', description, apply: String(value) }));
  // an item of a sequence of mappings (`- for: 1m`) is written key first
  const options = place.kind === 'key' ? keys() : place.kind === 'item' && values.length === 0 ? keys() : values;
  return options.length ? { from, to, options } : undefined;
}

function described(text: string): HTMLElement {
  const element = document.createElement('div');
  describeInto(element, text);
  return element;
}

/** The CodeMirror completion source: on a typed word, after `key: `, `- `, `{` or `,`, or when asked (Ctrl-Space) anywhere. */
export function schemaCompletionSource(schema: SchemaNode) {
  return (context: CompletionContext): CompletionResult | null => {
    if (!context.explicit && !context.matchBefore(/[\w$.\/-]+$|:\s+$|-\s+$|[{,\[]\s*$/)) return null;
    const found = schemaCompletions(schema, context.state.doc.toString(), context.pos);
    if (!found) return null;
    const options = found.options.map(({ label, kind, apply, description }): Completion => ({ label, apply, type: kind === 'key' ? 'property' : 'enum', ...(description ? { info: () => described(description) } : {}) }));
    return { from: found.from, to: found.to, options, validFor: /^[\w$.\/-]*$/ };
  };
}

/** The field's description (and the values it takes, when it enumerates them) for the key or value at `pos`. */
export function schemaHoverText(schema: SchemaNode, state: EditorState, pos: number): { path: PathStep[]; from: number; to: number; text: string; values: string[] } | undefined {
  const text = state.doc.toString();
  const field = fieldAt(syntaxTree(state), text, pos);
  if (!field || field.path.length === 0) return undefined;
  const description = descriptionAt(schema, field.path, field.siblings);
  const values = valuesAt(schema, field.path, field.siblings).map((v) => String(v.value));
  if (!description && values.length === 0) return undefined;
  return { path: field.path, from: field.from, to: field.to, text: description ?? '', values };
}

/** Hover text for the scenario editor: the path, the field's description and its values. */
export function schemaHover(schema: SchemaNode) {
  return hoverTooltip((view, pos): Tooltip | null => {
    const found = schemaHoverText(schema, view.state, pos);
    if (!found) return null;
    return {
      pos: found.from,
      end: found.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-schema-hover';
        const path = document.createElement('strong');
        path.textContent = found.path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
        const about = document.createElement('p');
        describeInto(about, found.text);
        dom.append(path, about);
        if (found.values.length) dom.append(Object.assign(document.createElement('p'), { textContent: `Values: ${found.values.join(', ')}` }));
        return { dom };
      },
    };
  });
}
