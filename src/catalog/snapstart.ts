/**
 * Lambda SnapStart: which runtimes offer it, what it excludes, what it
 * charges, and the model's assumptions where AWS publishes no figure
 * (docs/model.md: Lambda SnapStart).
 *
 * With SnapStart, Lambda runs INIT once, when a version is published, and
 * keeps a snapshot of the initialised microVM; a new execution environment
 * is restored from the snapshot instead of initialised
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html). Checked
 * 2026-12-05 on that page:
 * - runtimes: Java 11 and later, Python 3.12 and later, .NET 8 and later
 *   (managed runtimes only: not Node.js, Ruby, OS-only runtimes, container images);
 * - not with provisioned concurrency, Amazon EFS, or ephemeral storage above
 *   512 MB; only on published versions (not $LATEST). Both architectures.
 * - pricing (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html#snapstart-pricing,
 *   https://aws.amazon.com/lambda/pricing/): no SnapStart charge for Java;
 *   Python and .NET pay a cache charge per GB-second while the version is
 *   active (at least 3 hours) and a restore charge per GB restored, both
 *   measured on the function's memory.
 * Imports nothing (catalog/).
 */

/** Java: no charge; Python and .NET: cache and restore charges. */
export type SnapStartBilling = 'free' | 'charged';

/** The managed runtimes SnapStart supports, as a scenario names them (the INIT table's names), and whether it charges for them. */
export function snapStartBilling(runtime: string): SnapStartBilling | null {
  const java = /^java(\d+)$/.exec(runtime);
  if (java) return Number(java[1]) >= 11 ? 'free' : null; // java8.al2 does not match: Java 11 and later
  const python = /^python3\.(\d+)$/.exec(runtime);
  if (python) return Number(python[1]) >= 12 ? 'charged' : null;
  const dotnet = /^dotnet(\d+)$/.exec(runtime);
  if (dotnet) return Number(dotnet[1]) >= 8 ? 'charged' : null;
  return null; // Node.js, Ruby, OS-only (provided.*) runtimes
}

export const SNAPSTART_RUNTIMES_TEXT = 'Java 11 and later (java11, java17, java21, java25), Python 3.12 and later (python3.12, python3.13, python3.14), .NET 8 and later (dotnet8, dotnet10)';

export const SNAPSTART_SOURCE = 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html';

/**
 * ASSUMPTION: the Restore Duration of a new environment, p50 250 ms and
 * p99 700 ms. AWS publishes no distribution: it says SnapStart "can provide
 * as low as sub-second startup performance" (SNAPSTART_SOURCE), and teams
 * report restores of a few hundred milliseconds (e.g. 400 to 650 ms for a
 * .NET 10 API). Give your own measured `Restore Duration` as `snapStart.restore`.
 */
export const SNAPSTART_RESTORE = { p50Ms: 250, p99Ms: 700 } as const;

/**
 * ASSUMPTION: the first restores after a version is published are slower.
 * Lambda keeps snapshots in a tiered cache and fills its nearest tier as the
 * version is used; AWS says only that "functions that are invoked
 * infrequently might not experience the same performance improvements"
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-best-practices.html)
 * and gives no figure. The model draws the first 10 restores after each
 * publish 3 times as long; `snapStart.warming` changes both.
 */
export const SNAPSTART_WARMING = { restores: 10, slowdown: 3 } as const;

/** Lambda bills the snapshot cache for at least 3 hours per version (SNAPSTART_SOURCE, SnapStart pricing). */
export const SNAPSTART_CACHE_MINIMUM_SECONDS = 3 * 3600;
