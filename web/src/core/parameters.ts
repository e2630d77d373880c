/**
 * The parameters the playground's controls set: each a path in the
 * scenario, how its value is read from the parsed scenario (after
 * defaults), and how a control's value is written back into the YAML text
 * (with its unit, as a person would write it). A control shows only where
 * its parameter applies (servers for an HTTP service, concurrency for a
 * Lambda function, a cache TTL for a REST API with a cache).
 */
import type { Scenario } from '../../../src/scenario/schema.js';

export interface Parameter {
  id: string;
  label: string;
  /** What the control sets, e.g. `clients.retry.attempts`. */
  path: string[];
  kind: 'range' | 'choice';
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
  choices?: readonly string[];
  /** The value the control shows (null: the parameter does not apply to this scenario). */
  read(s: Scenario): number | string | null;
  /** The YAML value for a control value (undefined: remove the key). */
  write(value: number | string, s: Scenario): unknown;
}

const ms = (v: number | string) => `${Number(v)}ms`;
const lambda = (s: Scenario) => (s.integration.type === 'lambda' ? s.integration : null);
/** A constant rate only: a profile's phases are edited in the YAML. */
const constantRate = (s: Scenario) => (s.load.rate !== undefined && s.load.profile === undefined && s.load.virtualUsers === undefined ? s.load.rate : null);

export const PARAMETERS: readonly Parameter[] = [
  { id: 'rate', label: 'Offered load', path: ['load', 'rate'], kind: 'range', min: 10, max: 5000, step: 10, unit: '/s', read: (s) => constantRate(s), write: (v) => `${Number(v)}/s` },
  {
    id: 'spike',
    label: 'Spike (30 s, added load)',
    path: ['load', 'spikes'],
    kind: 'range',
    min: 0,
    max: 5000,
    step: 10,
    unit: '/s',
    // none or one spike: a scenario with several keeps them (edit them in the YAML)
    read: (s) => (constantRate(s) === null || s.load.spikes.length > 1 ? null : (s.load.spikes[0]?.rate ?? 0)),
    // one spike a third of the way in (or where the scenario's first spike is), for 30 s; 0 removes it
    write: (v, s) => (Number(v) === 0 ? [] : [{ at: `${Math.round((s.load.spikes[0]?.at ?? s.duration / 3) / 1000)}s`, for: `${Math.round((s.load.spikes[0]?.for ?? 30_000) / 1000)}s`, rate: `${Number(v)}/s` }]),
  },
  { id: 'timeout', label: 'Client time-out', path: ['clients', 'timeout'], kind: 'range', min: 100, max: 30_000, step: 100, unit: 'ms', read: (s) => (Number.isFinite(s.clients.timeout) ? s.clients.timeout : null), write: ms },
  { id: 'attempts', label: 'Attempts (first try included)', path: ['clients', 'retry', 'attempts'], kind: 'range', min: 1, max: 8, step: 1, read: (s) => s.clients.retry?.attempts ?? 1, write: (v) => Number(v) },
  { id: 'backoff', label: 'Back-off base', path: ['clients', 'retry', 'backoff', 'base'], kind: 'range', min: 0, max: 2000, step: 10, unit: 'ms', read: (s) => s.clients.retry?.backoff.base ?? null, write: ms },
  { id: 'jitter', label: 'Jitter', path: ['clients', 'retry', 'backoff', 'jitter'], kind: 'choice', choices: ['none', 'full', 'equal', 'decorrelated'], read: (s) => s.clients.retry?.backoff.jitter ?? null, write: (v) => String(v) },
  { id: 'budget', label: 'Retry budget tokens (0: none)', path: ['clients', 'retry', 'budget'], kind: 'range', min: 0, max: 1000, step: 10, read: (s) => (s.clients.retry ? (s.clients.retry.budget?.tokens ?? 0) : null), write: (v) => (Number(v) === 0 ? undefined : { tokens: Number(v) }) },
  { id: 'servers', label: 'Servers', path: ['integration', 'servers'], kind: 'range', min: 1, max: 200, step: 1, read: (s) => (s.integration.type === 'http' ? s.integration.servers : null), write: (v) => Number(v) },
  { id: 'reserved', label: 'Reserved concurrency (unset: the account\'s limit)', path: ['integration', 'concurrency', 'reserved'], kind: 'range', min: 1, max: 2000, step: 1, read: (s) => { const f = lambda(s); return f ? (f.concurrency.reserved ?? s.account.lambdaConcurrency) : null; }, write: (v) => Number(v) },
  { id: 'provisioned', label: 'Provisioned concurrency', path: ['integration', 'concurrency', 'provisioned'], kind: 'range', min: 0, max: 1000, step: 1, read: (s) => lambda(s)?.concurrency.provisioned ?? null, write: (v) => Number(v) },
  { id: 'cacheTtl', label: 'Cache TTL', path: ['api', 'cache', 'ttl'], kind: 'range', min: 0, max: 3600, step: 10, unit: 's', read: (s) => (s.api.type === 'rest' && s.api.cache ? s.api.cache.ttl / 1000 : null), write: (v) => `${Number(v)}s` },
];

/** Each parameter's value in the scenario (null where it does not apply). */
export function parameterValues(s: Scenario): Record<string, number | string | null> {
  return Object.fromEntries(PARAMETERS.map((p) => [p.id, p.read(s)]));
}
