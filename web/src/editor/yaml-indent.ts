/**
 * Enter after a key with nothing after its colon (`retry:`) indents the new
 * line two columns past the key, where its mapping's first key goes; CodeMirror's
 * YAML mode alone keeps the key's own column there. Everywhere else the
 * YAML mode decides.
 */
import { indentService } from '@codemirror/language';

/** Spaces a YAML mapping nests by in the shipped scenarios. */
const NEST = 2;

export const yamlKeyIndent = indentService.of((context, pos) => {
  const line = context.state.doc.lineAt(pos);
  if (pos !== line.to && line.text.slice(pos - line.from).trim() !== '') return undefined;
  const before = line.text.slice(0, pos - line.from).replace(/\s+#.*$/, '').trimEnd();
  // `key:` or `- key:`, the key plain or quoted, nothing after the colon
  const key = /^(\s*(?:-\s+)*)(?:[^\s#'"{[][^:#]*|"[^"]*"|'[^']*'):$/.exec(before);
  return key ? key[1].length + NEST : undefined;
});
