/**
 * Reporters by name. A registry maps each name to a factory that makes the
 * reporter for a text output: where a printing reporter (the terminal
 * tables, JSON for scripts) writes, and whether that output shows colour.
 * Reporters that write files ignore it. The CLI hands in stdout, a test a
 * string sink, a browser could hand in a panel: nothing here touches
 * process.stdout.
 */
import { join } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { writeFileAtomic } from './atomic-write.js';
import type { Reporter } from './report-input.js';

/** Where a printing reporter writes its text, and whether that output takes ANSI colour. */
export interface TextOutput {
  write(text: string): unknown;
  readonly color: boolean;
}

export type ReporterFactory<Input> = (output: TextOutput) => Reporter<Input>;

export interface ReporterRegistry<Input> {
  /** Every reporter's name, in the order they were registered. */
  readonly names: readonly string[];
  /** The reporters of these names, in this order, printing to `output`; an unknown name throws UnknownReporterError. */
  create(names: readonly string[], output: TextOutput): Array<Reporter<Input>>;
}

/** A name no reporter of the registry has (the commands pick names in code, so this is a bug, said plainly). */
export class UnknownReporterError extends Error {
  override name = 'UnknownReporterError';
}

/** A registry of `what` reporters (`run`, `sweep`): one factory per name. */
export function reporterRegistry<Input>(what: string, factories: Readonly<Record<string, ReporterFactory<Input>>>): ReporterRegistry<Input> {
  const names = Object.keys(factories);
  const factory = (name: string): ReporterFactory<Input> => {
    // hasOwn: `toString` or `constructor` is not a reporter
    if (Object.hasOwn(factories, name)) return factories[name];
    throw new UnknownReporterError(`no ${what} reporter "${name}" (did you mean "${closest(name, names)}"?); the ${what} reporters are ${names.join(', ')}`);
  };
  return { names, create: (picked, output) => picked.map((name) => factory(name)(output)) };
}

/** Runs each reporter into `dir`, in order; the paths written, in order. */
export async function writeReports<Input>(input: Input, dir: string, reporters: ReadonlyArray<Reporter<Input>>): Promise<string[]> {
  const written: string[] = [];
  for (const reporter of reporters) written.push(...(await reporter.write(input, dir)));
  return written;
}

/** A reporter that writes one file, `fileName`, of the text `render` makes. */
export function fileReporter<Input>(name: string, fileName: string, render: (input: Input) => string): Reporter<Input> {
  return {
    name,
    async write(input, outDir) {
      const path = join(outDir, fileName);
      await writeFileAtomic(path, render(input));
      return [path];
    },
  };
}

/** A reporter that prints the text `render` makes to `output` (nothing when it makes none), and writes no file. */
export function textReporter<Input>(name: string, output: TextOutput, render: (input: Input) => string): Reporter<Input> {
  return {
    name,
    async write(input) {
      const text = render(input);
      if (text !== '') output.write(text);
      return [];
    },
  };
}
