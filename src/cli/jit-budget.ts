/**
 * Raises TurboFan's inlining budget for this process before the simulation's
 * hot code is compiled (the executable and the benchmark call it first).
 *
 * Why: the model is written as small functions with one job each (a front
 * door is a chain of stages, a back end a server pool and a waiting line).
 * V8 inlines callees into an optimised function until their bytecode adds up
 * to `--max-inlined-bytecode-size-cumulative` (920 bytes by default, sized
 * for web pages); the event handlers of a run exhaust it a few calls deep, and
 * each call not inlined costs its frame, its argument moves and the checks it
 * repeats. With 3,000 the retry storm takes 17 % fewer instructions an attempt
 * (callgrind, bench/NOTES.md). Outputs cannot change: inlining never changes
 * what JavaScript computes.
 *
 * Node's documentation warns that a flag changed after start-up may do
 * nothing or misbehave; this one is read each time TurboFan compiles a
 * function, and `--trace-turbo-inlining` shows it taking effect
 * (bench/NOTES.md). The browser playground does without.
 */
import { setFlagsFromString } from 'node:v8';

/** Bytecode bytes TurboFan may inline into one optimised function (V8's default: 920). */
export const INLINING_BUDGET_BYTES = 3000;

export function raiseInliningBudget(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET_BYTES}`);
}
