/**
 * What the page asks of the scenario editor, and the plain text area the
 * page starts with: it works at once, and gives way to the code editor
 * (./code-editor.ts, loaded after the page) with the same text.
 */

/** One of the CLI's problems, at its line (1-based), as the problems list words it. */
export interface EditorProblem {
  line: number;
  message: string;
}

export interface ScenarioEditor {
  getText(): string;
  /** Replaces the text (a control's value written into it): not an edit of the user's, so no `onEdit` call; undo takes it back. */
  setText(text: string): void;
  /** Opens another scenario (a lesson, a shared link): its text, with nothing to undo. */
  load(text: string): void;
  /** The CLI's problems, at their lines. */
  showProblems(problems: readonly EditorProblem[]): void;
  /** Moves the cursor to the start of `line` and selects it, the editor focused. */
  goToLine(line: number): void;
  focused(): boolean;
  destroy(): void;
}

export interface EditorOptions {
  text: string;
  /** Called on every change the user makes. */
  onEdit: () => void;
}

/** The text area: line numbers and markers are the code editor's; here the problems list alone shows the lines. */
export function textAreaEditor(area: HTMLTextAreaElement, options: EditorOptions): ScenarioEditor {
  area.value = options.text;
  const onInput = () => options.onEdit();
  area.addEventListener('input', onInput);
  return {
    getText: () => area.value,
    setText: (text) => void (area.value = text),
    load: (text) => void (area.value = text),
    showProblems: () => undefined,
    goToLine(line) {
      const lines = area.value.split('\n');
      const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      area.focus();
      area.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
    },
    focused: () => document.activeElement === area,
    destroy() {
      area.removeEventListener('input', onInput);
      area.remove();
    },
  };
}
