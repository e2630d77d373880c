/**
 * The options of a zod parse that runs once or a few times in a process: a
 * scenario, a price table, a run folder's run.json. zod's default compiles a
 * parser for each object schema on its first parse (`new Function`), which
 * pays only over thousands of parses; a CLI process parses a handful, and the
 * compiling was a fifth of `validate`'s CPU time (0.26 s against 0.21 s on a
 * shipped scenario, bench/NOTES.md).
 */
export const PARSED_ONCE = { jitless: true } as const;
