/**
 * A Lambda function's `snapStart` (docs/model.md: Lambda SnapStart): its
 * restore time and the tiered cache's warming after a publish, and the
 * rules AWS sets on it (src/catalog/snapstart.ts): a managed runtime that
 * supports it, a zip package, no provisioned concurrency.
 *
 * `snapStart: true` turns it on with the defaults; `snapStart: {...}` sets them.
 */
import { z } from 'zod';
import { SNAPSTART_RESTORE, SNAPSTART_RUNTIMES_TEXT, SNAPSTART_WARMING, snapStartBilling } from '../catalog/snapstart.js';
import { valueOrDistribution } from './distribution-schema.js';
import * as L from './limits.js';
import { DURATION_PATTERN, real, whole } from './unit-schema.js';
import { parseDuration } from './units.js';
import { PARSED_ONCE } from '../catalog/parse-once.js';

const snapStartFields = z.strictObject({
  restore: valueOrDistribution(parseDuration, '80ms', DURATION_PATTERN)
    .prefault({ p50: `${SNAPSTART_RESTORE.p50Ms}ms`, p99: `${SNAPSTART_RESTORE.p99Ms}ms` })
    .describe("the Restore Duration of a new environment, instead of INIT (an assumption: p50 250ms, p99 700ms; give your function's)"),
  warming: z
    .strictObject({
      restores: whole(0, L.MAX_FACTOR).prefault(SNAPSTART_WARMING.restores).describe('restores after each published version that are slower (the snapshot is not cached near the hosts yet)'),
      slowdown: real(1, 100).prefault(SNAPSTART_WARMING.slowdown).describe('how many times as long those restores take'),
    })
    .prefault({})
    .describe('the first restores after a version is published (an assumption: 10 restores, 3 times as long)'),
});

export type SnapStartSpec = z.output<typeof snapStartFields>;

export const snapStartSchema = z
  .union([z.boolean(), snapStartFields])
  .transform((v): SnapStartSpec | undefined => (v === true ? snapStartFields.parse({}, PARSED_ONCE) : v === false ? undefined : v))
  .optional()
  .describe('Lambda SnapStart (Java 11+, Python 3.12+, .NET 8+): new environments are restored from a snapshot instead of running INIT; true, or {restore, warming}');

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

interface SnapStartFunction {
  readonly snapStart?: SnapStartSpec;
  readonly runtime?: string;
  readonly packageType?: 'zip' | 'image';
  readonly concurrency: { readonly provisioned: number };
}

/** SnapStart's rules, each reported at the field to change. */
export function checkSnapStart(f: SnapStartFunction, at: PropertyKey[], problem: Problem): void {
  if (f.snapStart === undefined) return;
  if (f.runtime === undefined) {
    problem([...at, 'snapStart'], 'needs the function\'s runtime', `SnapStart is offered for ${SNAPSTART_RUNTIMES_TEXT}: give runtime (e.g. runtime: java21)`);
    return;
  }
  if (snapStartBilling(f.runtime) === null) {
    problem([...at, 'snapStart'], `is not offered for ${f.runtime}`, `SnapStart supports ${SNAPSTART_RUNTIMES_TEXT}, managed runtimes only (docs.aws.amazon.com/lambda/latest/dg/snapstart.html); for ${f.runtime} use provisioned concurrency`);
  }
  if (f.packageType === 'image') problem([...at, 'packageType'], 'is image, and SnapStart does not support container images', 'deploy the function as a zip, or drop snapStart');
  if (f.concurrency.provisioned > 0) {
    problem([...at, 'concurrency', 'provisioned'], 'cannot be combined with SnapStart', 'AWS refuses provisioned concurrency on a SnapStart function: keep one (the cold-starts lesson compares them)');
  }
}
