/**
 * What a run will cost before it starts, from the scenario alone: the events
 * the kernel will execute (requests, retries, WebSocket messages, event
 * deliveries, time-series rows) and the memory the simulation will hold at
 * its peak (callers, keys, servers, environments, requests in flight, queues
 * that grow, open connections, rows). Each is a sum of parts, every part with
 * the scenario path it comes from, so a refusal names the field to change.
 *
 * The estimates lean high: retries are counted as if every attempt failed,
 * and an overloaded queue as if it grew all run; ./run-limits.ts holds them
 * to the limits. The bytes per item are the simulation's own (heap and
 * typed arrays of one item, measured with test/scenario/run-estimate.test.ts).
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import { SQS_SEND_LATENCY } from '../catalog/queues.js';
import { TABLE_LATENCY } from '../catalog/tables.js';
import { EXPRESS_DURATION } from '../catalog/step-functions.js';
import { SNS_PUBLISH_LATENCY } from '../catalog/topics.js';
import { bestCapacity } from '../model/backend/capacity-curve.js';
import { createDistribution, type DistributionSpec } from '../model/shared/distribution.js';
import { capacityCurve } from './build-integration.js';
import { edgeCallers } from './cloudfront-schema.js';
import * as D from './defaults.js';
import { durationAtMemory, type HttpIntegrationSpec, type LambdaFunctionSpec, type Scenario } from './schema.js';

/** The process itself (code, histograms, reporters) before any scenario state. */
const BASE_BYTES = 128 * 1024 ** 2;
/** Kernel events per attempt through a front door (arrival, overhead, integration, reply); 2.5 to 5 in the shipped scenarios. */
const EVENTS_PER_ATTEMPT = 6;
/** A request or attempt in flight: its objects and its pending events (a queued attempt measures about 540 bytes). */
const BYTES_PER_ATTEMPT = 700;
const BYTES_PER_CALLER = { sampler: 40, budget: 110, breaker: 1100, bucket: 120, quota: 16, authorizerCache: 10, albShare: 8 };
const BYTES_PER_KEY = { sampler: 40, lru: 16 };
const BYTES_PER_SERVER = 48;
const BYTES_PER_ENVIRONMENT = 200;
const BYTES_PER_CONNECTION = 200;
const BYTES_PER_ROW = 256;

export interface EstimatePart {
  /** The scenario field this part grows with. */
  path: PropertyKey[];
  /** What it is, for a message: `10,000,000 callers with circuit breakers`. */
  what: string;
  amount: number;
}

export interface RunEstimate {
  events: number;
  memoryBytes: number;
  eventParts: EstimatePart[];
  memoryParts: EstimatePart[];
}

const mean = (spec: DistributionSpec | undefined, fallback = 0) => (spec ? createDistribution(spec).mean : fallback);
const count = (n: number, what: string) => `${Math.round(n).toLocaleString('en-US')} ${what}`;

export function estimateRun(s: Scenario): RunEstimate {
  const events: EstimatePart[] = [];
  const memory: EstimatePart[] = [{ path: [], what: 'the process itself', amount: BASE_BYTES }];
  const runS = s.duration / 1000;
  const load = loadOf(s);
  const attempts = s.clients.retry?.attempts ?? 1;
  events.push({ path: load.path, what: `${count(load.requests, 'requests')}${attempts > 1 ? ` of up to ${attempts} attempts` : ''}`, amount: load.requests * attempts * EVENTS_PER_ATTEMPT * eventsFactor(s) });
  const rows = Math.ceil(s.duration / s.interval);
  events.push({ path: ['interval'], what: count(rows, 'time-series rows'), amount: rows * 2 });
  memory.push({ path: ['interval'], what: count(rows, 'time-series rows'), amount: rows * BYTES_PER_ROW });

  callerMemory(s, memory);
  const keys = s.load.keys.count;
  memory.push({ path: ['load', 'keys', 'count'], what: count(keys, 'cache keys'), amount: keys * (BYTES_PER_KEY.sampler + (s.api.cache && s.api.cache.hitRatio === undefined ? BYTES_PER_KEY.lru : 0)) });
  // a CloudFront distribution holds a cache table over every key (and caller, when credentials are in its cache key) in each edge location
  const edges = s.api.cloudfront?.locations ?? 0;
  const slots = edges * keys * Math.ceil(edgeCallers(s) / Math.max(1, edges));
  if (edges > 0) memory.push({ path: ['api', 'cloudfront', 'locations'], what: count(slots, 'edge cache slots'), amount: slots * BYTES_PER_KEY.lru });
  serviceMemory(s, load, attempts, memory, events);
  for (const [path, f] of lambdaFunctions(s)) {
    const environments = Math.min(f.concurrency.reserved ?? s.account.lambdaConcurrency, s.account.lambdaConcurrency);
    memory.push({ path: [...path, 'concurrency'], what: count(environments, 'Lambda environments at most'), amount: environments * BYTES_PER_ENVIRONMENT });
  }
  // a virtual user has one request at a time; an open loop holds what arrives while earlier ones are on their way
  const inFlight = s.load.virtualUsers ?? openLoopInFlight(s, load, attempts);
  memory.push({ path: load.path, what: count(inFlight, 'requests in flight at the peak'), amount: inFlight * BYTES_PER_ATTEMPT });
  if (s.load.connection) {
    const open = Math.min(load.connections, load.connectionsPerS * Math.min(mean(s.load.connection.duration), D.WEBSOCKET_MAX_CONNECTION_MS) / 1000);
    memory.push({ path: ['load', 'connection', 'duration'], what: count(open, 'open WebSocket connections'), amount: open * BYTES_PER_CONNECTION });
    events.push({ path: ['load', 'rate'], what: count(load.connections, 'WebSocket connections'), amount: load.connections * 4 });
  }
  eventBusParts(s, load, runS, memory, events);
  return { events: sum(events), memoryBytes: sum(memory), eventParts: byAmount(events), memoryParts: byAmount(memory) };
}

const sum = (parts: readonly EstimatePart[]) => parts.reduce((total, p) => total + p.amount, 0);
const byAmount = (parts: EstimatePart[]) => [...parts].sort((a, b) => b.amount - a.amount);

interface LoadShape {
  /** Requests through the front door in the run (WebSocket: messages). */
  requests: number;
  /** The highest arrival rate at any moment. */
  peakPerS: number;
  connections: number;
  connectionsPerS: number;
  /** The field the load is set by. */
  path: PropertyKey[];
}

/** Requests the load offers over the run and its peak rate; a WebSocket API's are the connections' messages. */
function loadOf(s: Scenario): LoadShape {
  const l = s.load;
  const swing = 1 + (l.daily?.amplitude ?? 0);
  const users = l.virtualUsers;
  if (users !== undefined) {
    // each user sends, waits for the answer and thinks: a cycle no shorter than the think time and the work's means
    const cycleS = (mean(l.thinkTime) + frontDoorMs(s) + integrationMs(s)) / 1000;
    const perS = cycleS > 0 ? users / cycleS : Infinity;
    return { requests: perS * (s.duration / 1000), peakPerS: perS, connections: 0, connectionsPerS: 0, path: cycleS > 0 ? ['load', 'virtualUsers'] : ['load', 'thinkTime'] };
  }
  const offered = offeredRequests(l, s.duration) * swing;
  const base = Math.max(l.rate ?? 0, ...(l.profile ?? []).flatMap((p) => ('rate' in p ? [p.rate] : p.ramp)));
  const spikes = l.spikes.reduce((total, spike) => total + spike.rate, 0);
  const peak = (base + spikes) * swing;
  // at the field that looks unusual: a run of more than a day, spikes above the load, else the load
  const path = s.duration > 86_400_000 ? ['duration'] : spikes > base ? ['load', 'spikes'] : l.rate !== undefined ? ['load', 'rate'] : ['load'];
  if (!l.connection) return { requests: offered, peakPerS: peak, connections: 0, connectionsPerS: 0, path };
  // each connection sends messages while it is open, for as long as the run lets it
  const openS = Math.min(mean(l.connection.duration), D.WEBSOCKET_MAX_CONNECTION_MS, s.duration) / 1000;
  const messages = offered * openS * l.connection.messages;
  const openPeak = Math.min(offered, peak * openS);
  return { requests: messages, peakPerS: openPeak * l.connection.messages, connections: offered, connectionsPerS: peak, path: ['load', 'connection', 'messages'] };
}

/**
 * Requests the open-loop load offers over the run (an upper bound: the daily
 * swing is added by the caller at its top): the profile's phases as far as
 * the run goes, the last rate after them, the spikes inside the run.
 */
export function offeredRequests(load: Scenario['load'], durationMs: number): number {
  const seconds = (ms: number) => Math.max(0, ms) / 1000;
  let total = 0;
  if (load.rate !== undefined) total = load.rate * seconds(durationMs);
  if (load.profile !== undefined) {
    let atMs = 0;
    let lastRate = 0;
    for (const phase of load.profile) {
      const lengthMs = Math.min(phase.for, durationMs - atMs);
      const [from, to] = 'rate' in phase ? [phase.rate, phase.rate] : phase.ramp;
      if (lengthMs > 0) total += (from + ((to - from) * lengthMs) / (2 * phase.for)) * seconds(lengthMs); // a ramp's mean over the part run
      atMs += phase.for;
      lastRate = to;
    }
    total += lastRate * seconds(durationMs - atMs);
  }
  for (const spike of load.spikes) total += spike.rate * seconds(Math.min(spike.for, durationMs - spike.at));
  return total;
}

/** Events per attempt beyond a front door's: a downstream call and its retries, an event bus's deliveries. */
function eventsFactor(s: Scenario): number {
  const downstream = s.integration.type === 'lambda' ? s.integration.downstream : undefined;
  if (s.integration.type === 'sqs') return 3; // a queue: the send, its message's receive and its batch's invocation
  if (s.integration.type === 'lambda' && s.integration.dynamodb) return 1 + s.integration.dynamodb.attempts; // the table's calls, the SDK's retries at most
  return 1 + (downstream ? (downstream.retry?.attempts ?? 1) : 0);
}

/** Mean time the front door holds an attempt before the integration: network, overhead, WAF, authorizer. */
function frontDoorMs(s: Scenario): number {
  const door = ENTRY_POINTS[s.api.type];
  const overhead = s.api.overhead ? mean(s.api.overhead) : mean({ kind: 'percentiles', ...door.overhead });
  const auth = s.api.authorizer;
  const authMs = auth ? (auth.function ? mean(durationAtMemory(auth.function)) : mean(auth.latency)) : 0;
  return overhead + mean(s.clients.network?.rtt) + mean(s.api.waf?.latency) + authMs;
}

/** Mean time the integration holds an attempt when it is not queued: the handler (and a cold start), or a service time. */
function integrationMs(s: Scenario): number {
  const i = s.integration;
  if (i.type === 'http') return mean(i.service) + mean(i.vpcLink?.latency);
  if (i.type === 'sqs') return mean(i.queue.sendLatency ?? { kind: 'percentiles', ...SQS_SEND_LATENCY }); // the front door waits for SendMessage only
  if (i.type === 'dynamodb') return mean(i.table.latency ?? { kind: 'percentiles', ...TABLE_LATENCY });
  if (i.type === 'stepfunctions') return mean(i.duration ?? { kind: 'percentiles', ...EXPRESS_DURATION });
  if (i.type === 'sns') return mean(i.topic.publishLatency ?? { kind: 'percentiles', ...SNS_PUBLISH_LATENCY }); // the front door waits for Publish only
  return mean(durationAtMemory(i)) + mean(i.downstream?.service) + (i.dynamodb ? mean(i.dynamodb.table.latency ?? { kind: 'percentiles', ...TABLE_LATENCY }) : 0);
}

/**
 * Requests an open loop holds at its peak rate (Little's law): on their way
 * through the front door, waiting to retry, and at the integration, which
 * holds no more than it runs at once (Lambda's concurrency, the servers; a
 * queue that grows is counted apart).
 */
function openLoopInFlight(s: Scenario, load: LoadShape, attempts: number): number {
  const retry = s.clients.retry;
  const backoffMs = retry && retry.attempts > 1 ? Math.min(retry.backoff.cap, retry.backoff.base * 2 ** (retry.attempts - 1)) + retry.throttleDelay : 0;
  const arriving = load.peakPerS * attempts;
  const passing = arriving * (frontDoorMs(s) / 1000) + load.peakPerS * (attempts - 1) * (backoffMs / 1000);
  const i = s.integration;
  const runsAtOnce = i.type === 'sqs' || i.type === 'dynamodb' || i.type === 'stepfunctions' || i.type === 'sns' ? Infinity : i.type === 'http' ? i.servers : Math.min(i.concurrency.reserved ?? s.account.lambdaConcurrency, s.account.lambdaConcurrency);
  const working = Math.min(arriving * (integrationMs(s) / 1000), runsAtOnce);
  return Math.min(load.requests * attempts, passing + working);
}

function callerMemory(s: Scenario, memory: EstimatePart[]): void {
  const closed = s.load.virtualUsers !== undefined;
  const callers = s.load.virtualUsers ?? s.clients.count;
  const b = BYTES_PER_CALLER;
  const plan = s.api.throttle.usagePlan;
  const cached = s.api.authorizer !== undefined;
  const parts: Array<[boolean, number, string]> = [
    [true, b.sampler, ''],
    [s.clients.retry?.budget !== undefined, b.budget, 'retry budgets'],
    [s.clients.circuitBreaker !== undefined, b.breaker, 'circuit breakers'],
    [plan?.rate !== undefined, b.bucket, 'usage-plan buckets'],
    [plan?.quota !== undefined, b.quota, 'quotas'],
    [cached, b.authorizerCache, 'cached decisions'],
    [s.api.type === 'alb', b.albShare, ''],
  ];
  const per = parts.reduce((total, [on, bytes]) => total + (on ? bytes : 0), 0);
  const withWhat = parts.filter(([on, , what]) => on && what !== '').map(([, , what]) => what);
  memory.push({ path: closed ? ['load', 'virtualUsers'] : ['clients', 'count'], what: `${count(callers, closed ? 'virtual users' : 'callers')}${withWhat.length > 0 ? ` with ${withWhat.join(', ')}` : ''}`, amount: callers * per });
}

/** An HTTP service's servers, its backlog, and a queue that grows when the load outruns it (unbounded, or up to its capacity). */
function serviceMemory(s: Scenario, load: LoadShape, attempts: number, memory: EstimatePart[], events: EstimatePart[]): void {
  const services: Array<[PropertyKey[], Pick<HttpIntegrationSpec, 'servers' | 'service' | 'queue' | 'sharing'> & { retry?: { attempts: number } }, number | undefined]> = [];
  if (s.integration.type === 'http') services.push([['integration'], s.integration, s.initialState?.integration?.queue]);
  if (s.integration.type === 'lambda' && s.integration.downstream) services.push([['integration', 'downstream'], s.integration.downstream, s.initialState?.downstream?.queue]);
  const runS = s.duration / 1000;
  for (const [path, service, backlog] of services) {
    memory.push({ path: [...path, 'servers'], what: count(service.servers, 'servers'), amount: service.servers * BYTES_PER_SERVER });
    if (backlog) {
      const at = ['initialState', path.length === 1 ? 'integration' : 'downstream', 'queue'];
      memory.push({ path: at, what: count(backlog, 'requests waiting at the start'), amount: backlog * BYTES_PER_ATTEMPT });
      events.push({ path: at, what: count(backlog, 'requests waiting at the start'), amount: backlog * 3 });
    }
    // what arrives beyond what the servers serve waits, as long as the run offers it; capacity cuts and slower service in failure windows count as a full outage
    const servedPerS = parallelism(service) / Math.max(mean(service.service) / 1000, 1e-9);
    const arriving = load.peakPerS * attempts * (service.retry?.attempts ?? 1);
    const outageS = s.failures.filter((f) => (f.target === 'integration') === (path.length === 1) && (f.outage || f.capacity !== undefined || f.addLatency !== undefined)).reduce((t, f) => t + Math.min(f.for, s.duration) / 1000, 0);
    const grows = Math.max(0, arriving - servedPerS) * runS + arriving * outageS;
    const waiting = Math.min(service.queue.capacity, grows, load.requests * attempts);
    if (waiting > 0) memory.push({ path: [...path, 'queue', 'capacity'], what: count(waiting, 'requests waiting in a queue that grows'), amount: waiting * BYTES_PER_ATTEMPT });
  }
}

/** Requests' worth of work a service does at once at best: its servers, or with processor sharing the peak of its capacity curve X(n), n up to the servers. */
function parallelism(service: Pick<HttpIntegrationSpec, 'servers' | 'sharing'>): number {
  const n = service.servers;
  const curve = capacityCurve(service.sharing);
  return curve === null ? n : bestCapacity(curve, n);
}

/** Events an event bus holds and redelivers while its function cannot keep up (Lambda retries a throttled event for up to maxEventAge). */
function eventBusParts(s: Scenario, load: LoadShape, runS: number, memory: EstimatePart[], events: EstimatePart[]): void {
  if (s.api.type !== 'eventbridge' || s.integration.type !== 'lambda') return;
  const delivery = s.api.delivery;
  const targets = delivery?.targets ?? 1;
  const deliveries = load.requests * targets;
  const retries = delivery?.retries ?? D.LAMBDA_ASYNC_RETRIES;
  const limit = Math.min(s.integration.concurrency.reserved ?? s.account.lambdaConcurrency, s.account.lambdaConcurrency);
  const capacityPerS = limit / Math.max(mean(durationAtMemory(s.integration)) / 1000, 1e-9);
  const overflowPerS = Math.max(0, load.peakPerS * targets - capacityPerS);
  const ageS = (delivery?.maxEventAge ?? D.LAMBDA_ASYNC_MAX_EVENT_AGE_MS) / 1000;
  const waiting = Math.min(deliveries, overflowPerS * Math.min(ageS, runS));
  // a waiting event is tried again from 1 s, doubling to every 5 minutes, until it is delivered or too old
  const redeliveries = Math.log2(D.LAMBDA_ASYNC_THROTTLE_MAX_MS / D.LAMBDA_ASYNC_THROTTLE_FIRST_MS) + ageS / (D.LAMBDA_ASYNC_THROTTLE_MAX_MS / 1000);
  events.push({ path: ['api', 'delivery'], what: count(deliveries, 'deliveries'), amount: deliveries * (1 + retries) * EVENTS_PER_ATTEMPT + waiting * redeliveries * 2 });
  if (waiting > 0) memory.push({ path: ['api', 'delivery', 'maxEventAge'], what: count(waiting, 'events waiting to be delivered'), amount: waiting * BYTES_PER_ATTEMPT });
}

function lambdaFunctions(s: Scenario): Array<[PropertyKey[], LambdaFunctionSpec]> {
  const functions: Array<[PropertyKey[], LambdaFunctionSpec]> = [];
  if (s.integration.type === 'lambda') functions.push([['integration'], s.integration]);
  if (s.api.authorizer?.function) functions.push([['api', 'authorizer', 'function'], s.api.authorizer.function]);
  return functions;
}
