/**
 * The hint for a top-level section a scenario lacks: a minimal example of
 * it, and where a whole starter scenario comes from (`apigw-sim init`), so a
 * first file written from a blank page gets further than "add api: (object)".
 */
import { API_TYPES } from '../catalog/entry-points.js';

const START = 'or start from a complete, commented scenario: apigw-sim init --list';

const HINTS: Readonly<Record<string, string>> = {
  name: 'add a name, which names the report folder, e.g. name: checkout-api',
  duration: 'add the simulated time during which requests arrive, e.g. duration: 2m',
  load: 'add the offered load, e.g. load: { rate: 100/s }',
  api: `add the front door, e.g. api: { type: rest } (${API_TYPES.join(', ')}); ${START}`,
  integration: `add what answers the requests, e.g. integration: { type: lambda, duration: { p50: 60ms, p99: 400ms } } or { type: http, servers: 10, service: { p50: 20ms, p99: 100ms } }; ${START}`,
};

/** The hint for a missing key at `path`, when it is a scenario's top-level section; undefined elsewhere. */
export function requiredHint(path: readonly PropertyKey[]): string | undefined {
  return path.length === 1 && typeof path[0] === 'string' ? HINTS[path[0]] : undefined;
}
