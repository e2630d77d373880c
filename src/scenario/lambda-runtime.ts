/**
 * A Lambda function's `runtime:` (docs/lambda-runtimes.md): its INIT
 * distribution from the measured table (src/catalog/lambda-init.ts) at the
 * function's memory size, architecture and package type, plus the
 * function's own initialisation (`extraInit`). An explicit `coldStart`
 * overrides both.
 *
 * Sum of the two parts: the model draws INIT once per cold start (one
 * uniform number, as every distribution does), so the sum is the log-normal
 * whose median is the sum of the medians and whose p99 is the sum of the
 * p99s. That is the sum of two parts that are slow together (a slow host
 * slows the runtime's start and the function's own), which puts the tail no
 * lower than two independent parts would.
 */
import { closest } from 'fastest-levenshtein';
import { lambdaInitAge, lambdaInitAt, lambdaRuntimeNames, measuredCombinations, type LambdaInitEstimate } from '../catalog/lambda-init.js';
import { createDistribution, type DistributionSpec } from '../model/shared/distribution.js';
import type { LambdaFunctionSpec, Problem, Scenario } from './schema.js';

type RuntimeFields = Pick<LambdaFunctionSpec, 'runtime' | 'packageType' | 'extraInit' | 'coldStart' | 'memory' | 'architecture'>;

const MB = 1024 ** 2;

/** The table's INIT for the function (undefined: no runtime, or one the table lacks, which the schema refuses). */
export function runtimeInit(f: RuntimeFields): LambdaInitEstimate | undefined {
  if (f.runtime === undefined) return undefined;
  return lambdaInitAt({ runtime: f.runtime, architecture: f.architecture, memoryMb: f.memory / MB, packageType: f.packageType ?? 'zip' });
}

/** The INIT distribution a function draws from: its coldStart, else its runtime's (plus extraInit), else undefined (the default applies). */
export function coldStartOf(f: RuntimeFields): DistributionSpec | undefined {
  if (f.coldStart !== undefined) return f.coldStart;
  const measured = runtimeInit(f);
  if (!measured) return undefined;
  const extra = f.extraInit === undefined ? null : createDistribution(f.extraInit);
  const p50 = measured.p50Ms + (extra ? extra.quantile(0.5) : 0);
  const p99 = measured.p99Ms + (extra ? extra.quantile(0.99) : 0);
  return { kind: 'percentiles', p50, p99: Math.max(p50, p99) };
}

/** The rules of runtime, packageType and extraInit, each reported at the field to change. */
export function checkLambdaRuntime(f: RuntimeFields, at: PropertyKey[], problem: Problem): void {
  if (f.runtime === undefined) {
    if (f.packageType !== undefined) problem([...at, 'packageType'], 'only applies with runtime', 'it picks the measured INIT of the runtime: give runtime (e.g. runtime: nodejs22.x), or remove packageType');
    if (f.extraInit !== undefined) problem([...at, 'extraInit'], "adds to a runtime's measured INIT, and there is no runtime", 'give runtime (e.g. runtime: nodejs22.x), or put the whole INIT in coldStart');
    return;
  }
  if (f.extraInit !== undefined && f.coldStart !== undefined) {
    problem([...at, 'extraInit'], 'is given with coldStart', "coldStart replaces the runtime's measured INIT: put your own initialisation in coldStart, or drop coldStart to use runtime plus extraInit");
  }
  const names = lambdaRuntimeNames();
  if (!names.includes(f.runtime)) return problem([...at, 'runtime'], `no measured runtime "${f.runtime}"`, unknownRuntimeHint(f.runtime, names));
  if (runtimeInit(f) === undefined) {
    const field = measuredCombinations(f.runtime).some((c) => c.startsWith(`${f.architecture} `)) ? 'packageType' : 'architecture';
    problem([...at, field], `${f.runtime} was not measured as ${f.architecture} ${f.packageType ?? 'zip'}`, `measured: ${measuredCombinations(f.runtime).join('; ')}`);
  }
}

function unknownRuntimeHint(runtime: string, names: string[]): string {
  const custom = names.filter((n) => n.startsWith(`${runtime}/`));
  if (custom.length > 0) return `${runtime} runs a runtime you bring: name its language, one of ${custom.join(', ')}`;
  const managed = names.filter((n) => !n.includes('/'));
  return `did you mean "${closest(runtime, names)}"? Measured: ${managed.join(', ')}, and custom runtimes such as ${names.filter((n) => n.includes('/')).slice(0, 4).join(', ')} (docs/lambda-runtimes.md lists them all)`;
}

/** Lines for `validate`: each function's INIT from the table, and how old the measurements are on `today`. */
export function runtimeNotes(scenario: Scenario, today: Date): string[] {
  const functions: Array<[string, RuntimeFields]> = [];
  if (scenario.integration.type === 'lambda') functions.push(['integration', scenario.integration]);
  if (scenario.integration.type === 'sqs') functions.push(['integration.consumer', scenario.integration.consumer]);
  const authorizer = scenario.api.authorizer;
  if (authorizer?.function) functions.push(['api.authorizer.function', authorizer.function]);
  const notes: string[] = [];
  for (const [at, f] of functions) {
    const measured = runtimeInit(f);
    if (!measured || f.runtime === undefined) continue;
    const what = `${at}: ${f.runtime} ${f.architecture} ${f.memory / MB}MB ${f.packageType ?? 'zip'}`;
    if (f.coldStart !== undefined) {
      notes.push(`${what}: coldStart is given, so the measured INIT (p50 ${ms(measured.p50Ms)}) is not used`);
      continue;
    }
    const sizes = measured.rows.map((r) => `${r.memoryMb}MB`).join(' and ');
    const basis = measured.basis === 'measured' ? 'measured' : measured.basis === 'interpolated' ? `interpolated between ${sizes}` : `the nearest measured size, ${sizes}`;
    const spec = coldStartOf(f) as Extract<DistributionSpec, { kind: 'percentiles' }>;
    const extra = f.extraInit === undefined ? ' (a hello-world function: add your own initialisation with extraInit)' : ' with extraInit';
    notes.push(`${what}: INIT p50 ${ms(spec.p50)}, p99 ${ms(spec.p99)} (${basis})${extra}`);
  }
  if (notes.length > 0) {
    const age = lambdaInitAge(today);
    notes.push(`INIT measurements by maxday/lambda-perf from ${age.from} to ${age.to}: ${age.days} days old (docs/lambda-runtimes.md says how to refresh them)`);
  }
  return notes;
}

const ms = (v: number) => `${Math.round(v)} ms`;
