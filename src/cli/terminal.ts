import type { TextOutput } from '../report/reporter-registry.js';
import { pngRenderer } from '../report/charts/png-renderer.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** stdout as the printing reporters see it: where their text goes, and whether it takes colour. */
export function stdoutText(): TextOutput {
  return { write: (text) => process.stdout.write(text), color: useColor(process.stdout) };
}

/** One line on stderr saying how to get PNG charts, when node-canvas is missing. */
export async function noteMissingCanvas(): Promise<void> {
  const renderer = await pngRenderer();
  if ('unavailable' in renderer) process.stderr.write(`note: ${renderer.unavailable}\n`);
}
