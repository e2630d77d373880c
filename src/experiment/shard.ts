/**
 * Work split across machines: `shard` runs every N-th job of a replicated
 * run or a sweep (job j goes to shard j mod N, so heavy and light points
 * spread evenly) and writes a partial result: each job's figures and
 * encoded histograms, not just percentiles, so `merge` computes exactly
 * what one machine would have. The partial also carries the scenario text
 * and the options, so merge needs nothing else and can check that the
 * partials belong together.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { InputFileError, readInputFile, RUN_FILE_MAX_BYTES } from '../io/input-file.js';
import type { ReplicationResult } from './replication.js';

export const PARTIAL_FILE = 'partial.json';
/** The shard that holds the first replication of a replicated run keeps its whole run here (time series and all). */
export const FIRST_RUN_FOLDER = 'first-replication';

/** What every shard of one piece of work must agree on. */
export interface WorkDefinition {
  kind: 'replications' | 'sweep';
  scenario: { file: string; text: string };
  replications: number;
  /** `--set` flags as given (a sweep), in order. */
  sets: string[];
  seed: number | null;
  prices: { region: string; effectiveDate: string };
  /** A sweep's `--metrics` and `--charts`, as given. */
  metrics: string | null;
  charts: string | null;
  /** The jobs of the whole piece of work. */
  jobs: number;
}

export interface Partial {
  tool: { name: string; version: string };
  work: WorkDefinition;
  shards: number;
  index: number;
  results: ReplicationResult[];
}

/** The job numbers shard `index` of `shards` runs. */
export function shardJobNumbers(jobs: number, shards: number, index: number): number[] {
  return Array.from({ length: jobs }, (_, j) => j).filter((j) => j % shards === index);
}

const result = z.object({
  index: z.number(),
  point: z.number().optional(),
  seed: z.number(),
  figures: z.array(z.tuple([z.string(), z.number().nullable()])),
  histograms: z.object({ ok: z.string(), failed: z.string() }),
});
const partialSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  work: z.object({
    kind: z.enum(['replications', 'sweep']),
    scenario: z.object({ file: z.string(), text: z.string() }),
    replications: z.number(),
    sets: z.array(z.string()),
    seed: z.number().nullable(),
    prices: z.object({ region: z.string(), effectiveDate: z.string() }),
    metrics: z.string().nullable(),
    charts: z.string().nullable(),
    jobs: z.number(),
  }),
  shards: z.number(),
  index: z.number(),
  results: z.array(result),
});

export class MergeError extends Error {
  override name = 'MergeError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The partial as JSON (NaN, which JSON lacks, as null). */
export function partialJson(partial: Partial): string {
  return `${JSON.stringify(partial, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`;
}

async function readPartial(dir: string): Promise<Partial> {
  const path = join(dir, PARTIAL_FILE);
  let text: string;
  try {
    text = readInputFile(path, { maxBytes: RUN_FILE_MAX_BYTES, what: "a shard's partial.json", hint: 'give the folders `apigw-sim shard --out` wrote, one per shard' });
  } catch (error) {
    if (error instanceof InputFileError) throw new MergeError(error.message, error.hint);
    throw new MergeError(`${path}: no such file, so ${dir} is not a shard's folder`, 'give the folders `apigw-sim shard --out` wrote, one per shard');
  }
  let parsed;
  try {
    parsed = partialSchema.safeParse(JSON.parse(text));
  } catch (error) {
    throw new MergeError(`${path}: not valid JSON (${(error as Error).message})`, 'the file was cut short or edited; run that shard again');
  }
  if (!parsed.success) throw new MergeError(`${path}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`, 'the file was edited or comes from another version; run that shard again');
  const data = parsed.data;
  return { ...data, results: data.results.map((r) => ({ ...r, figures: r.figures.map(([name, value]): [string, number] => [name, value ?? NaN]) })) };
}

/**
 * Reads every shard's partial and checks they are the whole of one piece of
 * work: the same definition and version, shard numbers 0..N−1 each once, and
 * every job's result. Returns the definition, the results in job order and
 * the folder of the shard that holds job 0.
 */
export async function readPartials(dirs: readonly string[]): Promise<{ work: WorkDefinition; results: ReplicationResult[]; firstDir: string; tool: Partial['tool'] }> {
  const partials = await Promise.all(dirs.map(readPartial));
  const [first] = partials;
  const definition = JSON.stringify(first.work);
  partials.forEach((p, i) => {
    if (JSON.stringify(p.work) !== definition) throw new MergeError(`${dirs[i]} is a shard of other work than ${dirs[0]} (scenario, options or prices differ)`, 'merge the shards of one `apigw-sim shard` command line, run with the same scenario file and options');
    if (p.tool.version !== first.tool.version) throw new MergeError(`${dirs[i]} was written by apigw-sim ${p.tool.version}, ${dirs[0]} by ${first.tool.version}`, 'run every shard with the same version');
    if (p.shards !== first.shards) throw new MergeError(`${dirs[i]} is shard ${p.index} of ${p.shards}, ${dirs[0]} of ${first.shards}`, 'give every shard the same --shards');
  });
  const seen = new Map<number, string>();
  partials.forEach((p, i) => {
    const other = seen.get(p.index);
    if (other !== undefined) throw new MergeError(`shard ${p.index} is given twice (${other} and ${dirs[i]})`, 'give each shard folder once');
    seen.set(p.index, dirs[i]);
  });
  const missing = Array.from({ length: first.shards }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${first.shards} missing`, 'run the missing shards (apigw-sim shard ... --index I) and give every shard folder');
  const byJob = new Map<number, ReplicationResult>();
  for (const p of partials) {
    const numbers = shardJobNumbers(first.work.jobs, first.shards, p.index);
    if (numbers.length !== p.results.length) throw new MergeError(`shard ${p.index} holds ${p.results.length} results, not ${numbers.length}`, 'the shard did not finish; run it again');
    numbers.forEach((job, k) => byJob.set(job, p.results[k]));
  }
  const results = Array.from({ length: first.work.jobs }, (_, j) => byJob.get(j) as ReplicationResult);
  const holder = seen.get(0 % first.shards) as string;
  return { work: first.work, results, firstDir: join(holder, FIRST_RUN_FOLDER), tool: first.tool };
}
