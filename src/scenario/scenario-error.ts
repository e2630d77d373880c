/**
 * The one kind of error a user's input produces: it names the file, the path
 * inside it and the line, and gives a hint. The CLI prints it without a
 * stack trace and exits with code 2.
 */
export interface ScenarioProblem {
  /** Dotted path inside the file, e.g. `load.profile[1].ramp[0]`; empty for the whole file. */
  path: string;
  /** 1-based line, when known (YAML and JSON files). */
  line?: number;
  message: string;
  hint?: string;
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'ScenarioError';
  }
}

export function formatProblems(file: string, problems: ScenarioProblem[]): string {
  return problems
    .map((p) => {
      const where = `${file}${p.line ? `:${p.line}` : ''}`;
      const head = `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
      return p.hint ? `${head}\n  hint: ${p.hint}` : head;
    })
    .join('\n');
}

/** `['load', 'profile', 1, 'ramp', 0]` -> `load.profile[1].ramp[0]` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
