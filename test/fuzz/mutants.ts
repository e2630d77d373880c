/**
 * Scenario mutants for the fuzz suite: every shipped scenario and every
 * lesson variant (its `set` applied) is a seed; a mutant is a seed with one
 * to three mutations at paths inside it: a key deleted, a value swapped for
 * another type, an edge number (±0, -1, 0.5, 1e400, .nan, huge integers), a
 * number with a unit scaled by up to 1e12, an unknown YAML tag, an unknown
 * key, a list entry repeated, or a part grafted in (route throttles, a usage
 * plan, a cache, an authorizer, retries, a backlog...: what the shipped
 * scenarios lack, the later mutations of the same mutant can then bend).
 * Mutants are YAML text, as a user writes them.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';

/** The repository (not ../cli/run-cli.ts's ROOT: importing it loads the PNG renderer before the suite turns it off). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Seed {
  /** Where the seed lives, relative to scenarios/ (a lesson's `scenario:` variants resolve from there). */
  dir: string;
  name: string;
  text: string;
}

/** Every shipped scenario, and every lesson variant that sets values as a scenario of its own (its lesson left out). */
export function seeds(): Seed[] {
  const root = join(ROOT, 'scenarios');
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  return files.flatMap((f) => {
    const text = readFileSync(join(root, f), 'utf8');
    const dir = relative(root, join(root, f, '..'));
    const own: Seed = { dir, name: f, text };
    const doc = parseDocument(text);
    const variants = (doc.toJS()?.lesson?.variants ?? []) as Array<{ name: string; set?: Record<string, unknown> }>;
    const sets = variants.filter((v) => v.set).map((v): Seed => {
      const variant = parseDocument(text);
      for (const [path, value] of Object.entries(v.set ?? {})) variant.setIn(path.split('.'), variant.createNode(value));
      variant.delete('lesson');
      return { dir, name: `${f}#${v.name}`, text: variant.toString() };
    });
    return [own, ...sets];
  });
}

/** A copy of scenarios/ to write mutants into, so a lesson's `scenario: ../x.yaml` finds its file. */
export function mirrorScenarios(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-sim-fuzz-'));
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  return join(dir, 'scenarios');
}

/** Values written into the YAML as they stand (numbers YAML reads as Infinity or NaN, tags, empty collections...). */
export const EDGE_LITERALS = [
  '0', '-0', '-1', '0.5', '1', '2', '1e400', '-1e400', '.nan', '.inf', '-.inf', '1e15', '1e308', '9007199254740993', '4294967296',
  '1000000000', '100000', '~', 'true', '[]', '{}', '""', '"NaN"', '"Infinity"', '"0x10"', '" 5"',
  '"1e400ms"', '"-1s"', '"0ms"', '"0.0001ms"', '"3653d"', '"3654d"', '"0/s"', '"1e400/s"', '"99999999999/s"', '"1e400B"', '"0B"', '"1TB"', '"5K"', '"1.5B"',
  '!env HOME', '!!int 512MB', '!!float 1e400', '!foo 3', '!!binary aGVsbG8=', '!!str 5', '"none"', '"unbounded"', '"full"', '"never"',
] as const;

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'literal'; at: number; literal: string }
  | { kind: 'scale'; at: number; factor: number }
  | { kind: 'wrap'; at: number; into: 'list' | 'map' | 'text' }
  | { kind: 'unknownKey'; at: number }
  | { kind: 'repeat'; at: number }
  | { kind: 'graft'; part: number };

/** Parts a scenario may have, each at its path (a route throttle comes with its routes). */
export const GRAFTS: ReadonlyArray<ReadonlyArray<[Array<string>, unknown]>> = [
  [[['load', 'routes'], [{ name: 'GET /a', weight: 2 }, { name: 'POST /b' }]], [['api', 'throttle', 'routes'], { 'GET /a': { rate: '50/s', burst: 10 } }]],
  [[['api', 'throttle', 'usagePlan'], { rate: '20/s', burst: 40, quota: '1M/month' }], [['clients', 'count'], 50]],
  [[['api', 'throttle', 'stage'], { rate: '300/s', burst: 100 }]],
  [[['api', 'cache'], { size: '0.5GB', ttl: '60s' }], [['load', 'keys'], { count: 1000, zipf: 1.1 }]],
  [[['api', 'authorizer'], { type: 'lambda', cacheTtl: '60s', function: { duration: '20ms' } }]],
  [[['api', 'authorizer'], { type: 'jwt' }], [['api', 'type'], 'http']],
  [[['clients', 'retry'], { attempts: 3, budget: {}, backoff: { base: '50ms', cap: '2s', jitter: 'decorrelated' } }], [['clients', 'timeout'], '1s']],
  [[['clients', 'circuitBreaker'], { failureRatio: 0.5, minRequests: 5 }], [['clients', 'count'], 20]],
  [[['clients', 'network'], { rtt: { p50: '80ms', p99: '200ms' }, newConnections: 0.5 }]],
  [[['initialState'], { integration: { warm: 5 } }]],
  [[['failures'], [{ at: '1s', for: '2s', target: 'integration', errorRate: 0.5 }, { at: '2s', target: 'integration', flushWarm: true }]]],
  [[['failures'], [{ at: '1s', for: '5s', target: 'gateway', throttle: { bucket: 'account', rate: '10/s' } }]]],
  [[['integration', 'downstream'], { servers: 4, service: { mean: '10ms' }, queue: { capacity: 20 }, retry: { attempts: 2 } }], [['initialState'], { downstream: { queue: 10 } }]],
  [[['integration'], { type: 'http', servers: 8, service: { mean: '20ms' }, queue: { capacity: 100, discipline: 'lifo' }, slowdown: { at: 0.5, factor: 3 }, dropExpired: true }], [['initialState'], { integration: { queue: 50 } }]],
  [[['integration'], { type: 'http', servers: 64, service: { p50: '20ms', p99: '200ms' }, sharing: { usl: { contention: 0.05, coherency: 0.001 } }, cancellation: 'deadline' }], [['clients', 'timeout'], '500ms']],
  [[['integration'], { type: 'http', servers: 16, service: { mean: '5ms' }, sharing: { cores: 2 } }]],
  [[['api', 'waf'], { blockRatio: 0.1 }]],
  [[['load', 'spikes'], [{ at: '1s', for: '1s', rate: '200/s' }]]],
  [[['load', 'daily'], { amplitude: 0.5, period: '10s' }]],
  [[['api', 'endpoint'], { type: 'private', azs: 3 }]],
  [[['api', 'type'], 'websocket'], [['load', 'connection'], { duration: { p50: '5s', p99: '30s' }, messages: '2/s' }]],
  [[['api', 'type'], 'eventbridge'], [['api', 'delivery'], { targets: 2 }]],
  [[['api', 'type'], 'alb']],
  [[['api', 'type'], 'function-url']],
  [[['cost', 'accessLogs'], { bytesPerRequest: '1KB' }], [['cost', 'logs'], { retention: '30d' }]],
  [[['load', 'virtualUsers'], 20], [['load', 'thinkTime'], { mean: '200ms' }], [['load', 'rate'], null]],
  [[['thresholds'], { p99: '< 1s', errorRate: ['< 50%'] }]],
];

/** A path of the document, picked by an index modulo the number of paths (so a mutation fits any seed). */
type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('literal' as const), at: fc.nat(), literal: fc.constantFrom(...EDGE_LITERALS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('scale' as const), at: fc.nat(), factor: fc.constantFrom(0, 1e-9, 1e-3, 10, 1e3, 1e6, 1e9, 1e12) }) },
  fc.record({ kind: fc.constant('wrap' as const), at: fc.nat(), into: fc.constantFrom('list' as const, 'map' as const, 'text' as const) }),
  fc.record({ kind: fc.constant('unknownKey' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('graft' as const), part: fc.nat({ max: GRAFTS.length - 1 }) }) },
);

export interface Mutant {
  seed: Seed;
  mutations: Mutation[];
}

export const mutantOf = (all: readonly Seed[]): fc.Arbitrary<Mutant> =>
  fc.record({ seed: fc.constantFrom(...all), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });

const UNIT_VALUE = /^(\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?(\s*[A-Za-z/].*)$/;

/** The mutant as YAML text. */
export function mutantText(m: Mutant): string {
  const doc = parseDocument(m.seed.text);
  const raws: string[] = [];
  for (const mutation of m.mutations) {
    try {
      apply(doc, mutation, raws);
    } catch {
      // a path an earlier mutation made a scalar: this mutation does nothing
    }
  }
  let text = doc.toString({ lineWidth: 0 });
  raws.forEach((raw, i) => (text = text.replace(`__FUZZ_RAW_${i}__`, raw)));
  return text;
}

function apply(doc: Document, mutation: Mutation, raws: string[]): void {
  if (mutation.kind === 'graft') {
    for (const [path, value] of GRAFTS[mutation.part]) {
      if (value === null) doc.deleteIn(path);
      else doc.setIn(path, doc.createNode(value));
    }
    return;
  }
  const paths = pathsOf(doc.toJS()).filter((p) => p.length > 0);
  if (paths.length === 0) return;
  const path = paths[mutation.at % paths.length];
  const value: unknown = doc.getIn(path);
  const plain = (v: unknown) => (v !== null && typeof v === 'object' && 'toJSON' in v ? (v as { toJSON(): unknown }).toJSON() : v);
  switch (mutation.kind) {
    case 'delete':
      doc.deleteIn(path);
      return;
    case 'literal':
      raws.push(mutation.literal);
      doc.setIn(path, `__FUZZ_RAW_${raws.length - 1}__`);
      return;
    case 'scale': {
      const v = plain(value);
      const match = typeof v === 'string' ? UNIT_VALUE.exec(v) : null;
      if (match) doc.setIn(path, `${Number(match[0].slice(0, match[0].length - match[2].length)) * mutation.factor}${match[2]}`);
      else if (typeof v === 'number') doc.setIn(path, v * mutation.factor);
      return;
    }
    case 'wrap': {
      const v = plain(value);
      doc.setIn(path, doc.createNode(mutation.into === 'list' ? [v] : mutation.into === 'map' ? { value: v } : String(v)));
      return;
    }
    case 'unknownKey': {
      const node = doc.getIn(path, true);
      if (isMap(node)) node.set('fuzzExtra', 1);
      return;
    }
    case 'repeat': {
      const node = doc.getIn(path.slice(0, -1), true);
      if (isSeq(node) && typeof path[path.length - 1] === 'number') node.add(doc.createNode(plain(value)));
      return;
    }
  }
}
