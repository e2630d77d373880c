/**
 * The scenario editor: CodeMirror 6 with YAML highlighting, line numbers,
 * the CLI's problems marked at their lines (from the helper worker's
 * `check`, the messages `apigw-sim validate` prints), and completion and
 * hover from the scenario's JSON Schema. The page loads this module once it
 * has asked for its first check and run (a chunk of its own, outside the
 * first load's size budget: docs/playground.md).
 *
 * Tab is left to move the focus on (the page's keyboard order); Enter keeps
 * the line's indentation (two more after `key:`), and Ctrl-Space opens the
 * completions anywhere.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorSelection, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import outline from 'virtual:scenario-schema-outline';
import { schemaCompletionSource, schemaHover } from './schema-assist.js';
import { yamlKeyIndent } from './yaml-indent.js';
import type { EditorOptions, EditorProblem, ScenarioEditor } from './scenario-editor.js';

/** Marks a change the page makes (a control's value), which is not the user's edit. */
const fromPage = Annotation.define<boolean>();

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid #999', maxHeight: '480px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, monospace', lineHeight: '1.4', overflow: 'auto' },
  '.cm-content': { minHeight: '460px' },
  '.cm-tooltip.cm-tooltip-hover': { maxWidth: '36rem', padding: '0.3rem 0.5rem' },
  '.cm-schema-hover p': { margin: '0.3rem 0 0' },
  '.cm-completionInfo': { maxWidth: '28rem', whiteSpace: 'normal' },
});

export function codeEditor(parent: HTMLElement, options: EditorOptions & { labelledBy: string; describedBy: string }): ScenarioEditor {
  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    yamlKeyIndent,
    yaml(),
    yamlLanguage.data.of({ autocomplete: schemaCompletionSource(outline) }),
    autocompletion({ icons: false }),
    schemaHover(outline),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
    EditorView.contentAttributes.of({ 'aria-labelledby': options.labelledBy, 'aria-describedby': options.describedBy, 'aria-multiline': 'true', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.every((t) => t.annotation(fromPage))) options.onEdit();
    }),
    theme,
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: options.text, extensions }) });

  return {
    getText: () => view.state.doc.toString(),
    setText(text) {
      const old = view.state.doc.toString();
      if (text === old) return;
      // only the changed stretch is replaced: the cursor, the scroll and the undo history stay put around it
      let start = 0;
      while (start < old.length && start < text.length && old[start] === text[start]) start++;
      let end = 0;
      while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
      view.dispatch({ changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) }, annotations: fromPage.of(true) });
    },
    load(text) {
      view.setState(EditorState.create({ doc: text, extensions }));
    },
    showProblems(problems: readonly EditorProblem[]) {
      const doc = view.state.doc;
      const diagnostics = problems
        .filter((p) => p.line >= 1 && p.line <= doc.lines)
        .map((p): Diagnostic => {
          const line = doc.line(p.line);
          const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
          return { from: line.from + Math.min(indent, line.length), to: line.to, severity: 'error', message: p.message };
        });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(line) {
      const at = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: EditorSelection.range(at.from, at.to), effects: EditorView.scrollIntoView(at.from, { y: 'center' }) });
      view.focus();
    },
    focused: () => view.hasFocus,
    destroy: () => view.destroy(),
  };
}
