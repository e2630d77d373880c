/**
 * Maps what was read from a template (./front-door-model.ts) to scenario
 * keys: one front door (the only one, or `--api`), the routes that reach one
 * function (the one most routes call, or `--function`), that function as the
 * integration and the API's authorizer, cache, throttles and usage plan. The
 * load and the functions' run times are not in a template: they are
 * PLACEHOLDER values that validate and run as written. docs/commands.md
 * (`import`) has the table of template properties and scenario keys.
 */
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import * as D from '../scenario/defaults.js';
import { MAX_ROUTES } from '../scenario/limits.js';
import type { Draft, DraftValue } from './emit-scenario.js';
import type { ApiModel, BucketModel, FunctionModel, Note, RouteModel, TemplateModel, Valued } from './front-door-model.js';
import type { Segment } from './template-source.js';

export class ImportChoiceError extends Error {
  override name = 'ImportChoiceError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface ChoiceOptions {
  api?: string;
  function?: string;
}

/** Placeholders: a small load that runs in seconds, and run times typical of a light function. */
const PLACEHOLDER_DURATION = '2m';
const PLACEHOLDER_RATE = '50/s';
const PLACEHOLDER_LAMBDA_DURATION = { p50: '60ms', p99: '400ms' };
const PLACEHOLDER_AUTHORIZER_DURATION = { p50: '20ms', p99: '80ms' };
const PLACEHOLDER_SERVERS = 10;
const PLACEHOLDER_SERVICE = { p50: '20ms', p99: '100ms' };

export function toDraft(model: TemplateModel, file: string, options: ChoiceOptions = {}): Draft {
  const api = pickApi(model, options.api);
  const values: DraftValue[] = [];
  const notes: Note[] = [...model.notes];
  const add = (path: Segment[], value: unknown, source: Valued<unknown> | string, extra: Partial<DraftValue> = {}) =>
    values.push(typeof source === 'string' ? { path, value, comment: source, ...extra } : { path, value, comment: source.from, line: source.line, ...extra });
  const summary = [`Imported by apigw-sim import from ${file} (${model.format}).`];
  if (!api) {
    summary.push('The template has no front door (API, load balancer or function URL): api.type is a placeholder.');
    return finish(model, file, undefined, values, notes, summary, add, options);
  }
  const others = model.apis.filter((a) => a !== api);
  summary.push(`Front door: ${api.id} (${ENTRY_POINTS[api.type.value].label}).`);
  if (others.length > 0) summary.push(`Also in the template, not imported (pick one with --api): ${others.map((a) => `${a.id} (${a.type.value})`).join(', ')}.`);
  return finish(model, file, api, values, notes, summary, add, options);
}

type Add = (path: Segment[], value: unknown, source: Valued<unknown> | string, extra?: Partial<DraftValue>) => void;

function finish(model: TemplateModel, file: string, api: ApiModel | undefined, values: DraftValue[], notes: Note[], summary: string[], add: Add, options: ChoiceOptions): Draft {
  const { routes, fn, functionLabel } = pickRoutes(model, api, options.function, summary, notes);
  add(['name'], scenarioName(api?.id ?? file), api ? `${api.id} (the logical ID)` : 'the file name');
  add(['duration'], PLACEHOLDER_DURATION, 'how long to simulate', { kind: 'placeholder' });
  add(['load', 'rate'], PLACEHOLDER_RATE, 'your peak request rate (CloudWatch Count per second)', { kind: 'placeholder' });
  if (api?.type.value === 'websocket') {
    add(['load', 'connection'], { duration: { p50: '5m', p99: '30m' }, messages: '0.2/s' }, 'how long clients stay connected and how often they send', { kind: 'placeholder', flow: true });
  } else if (routes.length > 0) {
    const shown = routes.slice(0, MAX_ROUTES);
    shown.forEach((r, i) => add(['load', 'routes', i], { name: r.name, weight: 1 }, { value: r.name, from: `${r.from} (weight: PLACEHOLDER, your traffic mix)`, line: r.line }, { flow: true }));
    if (routes.length > shown.length) notes.push({ text: `${routes.length - shown.length} more routes than the ${MAX_ROUTES} a scenario takes: left out` });
  }
  add(['load', 'payload'], { request: '1KB', response: '1KB' }, 'your request and response sizes', { kind: 'placeholder', flow: true });
  if (api) mapApi(api, routes, model, add, notes);
  else add(['api', 'type'], 'rest', 'the template has no front door: choose rest, http, alb, function-url...', { kind: 'placeholder' });
  mapIntegration(fn, functionLabel, routes, add, notes);
  if (api?.accessLogs?.value && ENTRY_POINTS[api.type.value].features.has('accessLogs')) add(['cost', 'accessLogs', 'bytesPerRequest'], '1KB', `your access log line size (${api.accessLogs.from}, line ${api.accessLogs.line ?? '?'}, turns access logs on)`, { kind: 'placeholder' });
  if (api?.albRules) add(['cost', 'alb', 'rules'], api.albRules.value, api.albRules);
  return { file, summary, values, notes: [...notes, ...(api?.notes ?? [])] };
}

function pickApi(model: TemplateModel, wanted: string | undefined): ApiModel | undefined {
  const list = () => model.apis.map((a) => `${a.id} (${a.type.value})`).join(', ');
  if (wanted !== undefined) {
    const found = model.apis.find((a) => a.id === wanted);
    if (!found) throw new ImportChoiceError(`--api ${wanted}: no front door of that logical ID in the template`, model.apis.length > 0 ? `the template's front doors: ${list()}` : 'the template has no API, load balancer or function URL');
    return found;
  }
  if (model.apis.length > 1) throw new ImportChoiceError(`the template has ${model.apis.length} front doors: ${list()}`, `pick one with --api, e.g. --api ${model.apis[0].id}`);
  return model.apis[0];
}

/** The routes that reach one target (the function most routes call, or --function), and that function. */
function pickRoutes(model: TemplateModel, api: ApiModel | undefined, wanted: string | undefined, summary: string[], notes: Note[]): { routes: RouteModel[]; fn?: FunctionModel; functionLabel?: string } {
  const routes = api?.routes ?? [];
  const keyOf = (r: RouteModel) => (r.target.kind === 'lambda' ? (r.target.functionId ?? r.target.label) : `${r.target.kind}:${r.target.label}`);
  const groups = new Map<string, RouteModel[]>();
  for (const r of routes) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  let key: string | undefined;
  if (wanted !== undefined) {
    if (groups.has(wanted)) key = wanted;
    else if (model.functions.has(wanted) && routes.length === 0) key = wanted;
    else throw new ImportChoiceError(`--function ${wanted}: no route of ${api?.id ?? 'the template'} calls a function of that logical ID`, groups.size > 0 ? `the routes call: ${[...groups.keys()].join(', ')}` : `the template's functions: ${[...model.functions.keys()].join(', ') || 'none'}`);
  } else {
    key = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0];
    if (key === undefined && model.functions.size === 1) key = [...model.functions.keys()][0];
    if (key === undefined && model.functions.size > 1) {
      const ids = [...model.functions.keys()];
      summary.push(`No route names a function; the template's functions: ${ids.join(', ')} (pick one with --function).`);
    }
  }
  const chosen = key === undefined ? [] : (groups.get(key) ?? []);
  for (const [other, list] of groups) {
    if (other === key) continue;
    const target = list[0].target;
    const what = target.kind === 'lambda' ? `the function ${other}` : target.label;
    const how = target.kind === 'lambda' ? `; --function ${other} imports them instead` : '';
    summary.push(`Routes to ${what} are not imported (the scenario has one integration${how}): ${list.map((r) => r.name).join(', ')}.`);
  }
  const first = chosen[0]?.target;
  const fn = key === undefined ? undefined : model.functions.get(first?.kind === 'lambda' ? (first.functionId ?? '') : key);
  if (fn) summary.push(`Integration: the Lambda function ${fn.id}.`);
  else if (first?.kind === 'lambda') summary.push(`Integration: the Lambda function ${first.label} (not in this file).`);
  else if (first) summary.push(`Integration: ${first.label}.`);
  if (fn) notes.push(...fn.notes);
  for (const f of model.functions.values()) {
    if (f !== fn && !(api?.authorizers ?? []).some((a) => a.functionId === f.id) && ![...groups.keys()].includes(f.id)) notes.push({ text: `${f.id}: a Lambda function no imported route calls (not imported)`, line: f.line });
  }
  return { routes: chosen, fn, functionLabel: first?.label ?? key };
}

function mapApi(api: ApiModel, routes: RouteModel[], model: TemplateModel, add: Add, notes: Note[]): void {
  add(['api', 'type'], api.type.value, api.type);
  if (api.endpoint) add(['api', 'endpoint'], api.endpoint.value, api.endpoint, api.endpoint.line === undefined && !api.endpoint.from.includes('.') ? { kind: 'default' } : {});
  const timeout = api.integrationTimeoutMs ?? routes.find((r) => r.timeoutMs)?.timeoutMs;
  if (timeout) add(['api', 'integrationTimeout'], `${timeout.value}ms`, timeout);
  const differing = routes.filter((r) => r.timeoutMs && timeout && r.timeoutMs.value !== timeout.value);
  if (differing.length > 0) notes.push({ text: `routes with another integration time-out (the scenario has one): ${differing.map((r) => `${r.name} ${r.timeoutMs?.value} ms`).join(', ')}` });
  if (api.stageThrottle) bucket(['api', 'throttle', 'stage'], api.stageThrottle, add);
  const names = new Set(routes.map((r) => r.name));
  for (const t of api.routeThrottles) {
    if (names.has(t.route)) bucket(['api', 'throttle', 'routes', t.route], t, add);
    else notes.push({ text: `a throttle on ${t.route} (${t.rate?.from ?? t.burst?.from}): no imported route of that name`, line: t.rate?.line ?? t.burst?.line });
  }
  if (api.usagePlan) {
    const { rate, burst, quota } = api.usagePlan;
    if (rate || burst) bucket(['api', 'throttle', 'usagePlan'], { rate, burst }, add);
    if (quota) add(['api', 'throttle', 'usagePlan', 'quota'], quota.value, quota);
  }
  mapAuthorizer(api, routes, model, add, notes);
  if (api.cache) {
    add(['api', 'cache', 'size'], `${api.cache.sizeGb.value}GB`, api.cache.sizeGb);
    if (api.cache.ttlS) add(['api', 'cache', 'ttl'], `${api.cache.ttlS.value}s`, api.cache.ttlS);
  }
}

/** A token bucket needs both numbers: the one the template leaves out is the account's default. */
function bucket(path: Segment[], b: BucketModel, add: Add): void {
  // API Gateway's account-level defaults (10,000/s, burst 5,000):
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
  if (b.rate) add([...path, 'rate'], `${b.rate.value}/s`, b.rate);
  else add([...path, 'rate'], `${D.ACCOUNT_THROTTLE_RATE_PER_S}/s`, 'the template gives a burst only; the account-level rate', { kind: 'default' });
  if (b.burst) add([...path, 'burst'], b.burst.value, b.burst);
  else add([...path, 'burst'], D.ACCOUNT_THROTTLE_BURST, 'the template gives a rate only; the account-level burst', { kind: 'default' });
}

function mapAuthorizer(api: ApiModel, routes: RouteModel[], model: TemplateModel, add: Add, notes: Note[]): void {
  const used = routes.map((r) => (r.authorizer === undefined ? api.defaultAuthorizer?.value : (r.authorizer ?? undefined)));
  const named = used.filter((n): n is string => n !== undefined && n !== 'NONE');
  const name = named.sort((a, b) => named.filter((n) => n === b).length - named.filter((n) => n === a).length)[0] ?? (routes.length === 0 ? api.defaultAuthorizer?.value : undefined);
  const a = api.authorizers.find((x) => x.name === name);
  if (name !== undefined && name !== 'NONE' && !a) notes.push({ text: `authorizer ${name}: not defined in the template's Auth.Authorizers (left out)` });
  if (!a) return;
  if (named.length < routes.length) notes.push({ text: `authorizer ${a.name} guards ${named.length} of ${routes.length} imported routes; the scenario's authorizer checks every request` });
  for (const other of api.authorizers) if (other !== a) notes.push({ text: `authorizer ${other.name} (${other.type}): not imported (the scenario has one authorizer)`, line: other.line });
  add(['api', 'authorizer', 'type'], a.type, { value: a.type, from: a.from, line: a.line });
  if (a.cacheTtlS) add(['api', 'authorizer', 'cacheTtl'], `${a.cacheTtlS.value}s`, a.cacheTtlS);
  if (a.type === 'lambda') {
    const fn = a.functionId ? model.functions.get(a.functionId) : undefined;
    if (fn) notes.push(...fn.notes);
    lambdaFields(['api', 'authorizer', 'function'], fn, PLACEHOLDER_AUTHORIZER_DURATION, "the authorizer's run time (CloudWatch Duration of its function)", add);
  }
}

function mapIntegration(fn: FunctionModel | undefined, label: string | undefined, routes: RouteModel[], add: Add, notes: Note[]): void {
  const target = routes[0]?.target;
  if (target?.kind === 'http') {
    add(['integration', 'type'], 'http', { value: 'http', from: target.from, line: target.line });
    add(['integration', 'servers'], PLACEHOLDER_SERVERS, `requests your service (${target.label}) serves at once`, { kind: 'placeholder' });
    add(['integration', 'service'], PLACEHOLDER_SERVICE, 'its service time per request', { kind: 'placeholder', flow: true });
    if (target.vpcLink) add(['integration', 'vpcLink', 'target'], target.vpcLink.value, target.vpcLink);
    return;
  }
  if (target?.kind === 'other') {
    notes.push({ text: `${target.from}: ${target.label} is not modelled; an HTTP service stands in for it`, line: target.line });
    add(['integration', 'type'], 'http', `${target.label} is not modelled: an HTTP service stands in`, { kind: 'placeholder' });
    add(['integration', 'servers'], PLACEHOLDER_SERVERS, 'requests served at once', { kind: 'placeholder' });
    add(['integration', 'service'], PLACEHOLDER_SERVICE, 'service time per request', { kind: 'placeholder', flow: true });
    return;
  }
  if (target?.kind === 'lambda' && !fn) notes.push({ text: `${target.from}: the function ${target.label} is not in this file, so its memory, time-out and concurrency are Lambda's defaults`, line: target.line });
  add(['integration', 'type'], 'lambda', fn ? { value: 'lambda', from: fn.from, line: fn.line } : target ? { value: 'lambda', from: target.from, line: target.line } : `the template names no integration${label ? ` (${label})` : ''}: a Lambda function stands in`, fn || target ? {} : { kind: 'placeholder' });
  lambdaFields(['integration'], fn, PLACEHOLDER_LAMBDA_DURATION, "your function's run time (CloudWatch Duration p50 and p99)", add);
}

/**
 * A function's memory, architecture, time-out and concurrency; memory and
 * time-out at Lambda's defaults (128 MB, 3 s) when the template gives none
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html).
 */
function lambdaFields(at: Segment[], fn: FunctionModel | undefined, duration: object, durationNote: string, add: Add): void {
  if (fn?.memoryMb) add([...at, 'memory'], `${fn.memoryMb.value}MB`, fn.memoryMb);
  else add([...at, 'memory'], `${D.LAMBDA_MEMORY_MB}MB`, 'MemorySize not given', { kind: 'default' });
  if (fn?.architecture) add([...at, 'architecture'], fn.architecture.value, fn.architecture);
  add([...at, 'duration'], duration, durationNote, { kind: 'placeholder', flow: true });
  if (fn?.reserved) add([...at, 'concurrency', 'reserved'], fn.reserved.value, fn.reserved);
  if (fn?.provisioned) add([...at, 'concurrency', 'provisioned'], fn.provisioned.value, fn.provisioned);
  if (fn?.timeoutS) add([...at, 'timeout'], `${fn.timeoutS.value}s`, fn.timeoutS);
  else add([...at, 'timeout'], `${D.LAMBDA_TIMEOUT_MS / 1000}s`, 'Timeout not given', { kind: 'default' });
}

/** A scenario name (it names the report folder) from a logical ID or a file name. */
export function scenarioName(text: string): string {
  const base = text.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
  const name = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name.length > 0 ? name : 'imported';
}
