/**
 * CloudFormation resources as the CDK synthesises them (and as SAM
 * templates hold them beside their own): `AWS::ApiGateway::*` (REST),
 * `AWS::ApiGatewayV2::*` (HTTP and WebSocket), `AWS::Lambda::Function`,
 * `Version`, `Alias` (provisioned concurrency), `Url`, and
 * `AWS::ElasticLoadBalancingV2::*` (an ALB with Lambda or instance targets).
 * `AWS::Lambda::EventSourceMapping` and every other resource type are named
 * in the notes, never dropped in silence.
 *
 * Resource reference:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */
import type { VpcLinkTarget } from '../catalog/entry-points.js';
import type { ApiModel, FunctionModel, TargetModel, TemplateModel } from './front-door-model.js';
import { newApi } from './front-door-model.js';
import { readAlb } from './load-balancer.js';
import { referencesIn } from './intrinsics.js';
import { functionNameIn, readOpenApi, targetOf, type OpenApiContext } from './openapi.js';
import { isObject, shortValue, type PropertyReader } from './property-reader.js';
import { readAccessLogs, readCacheCluster, readMethodSettings, readRouteSettings } from './stage-settings.js';
import type { Json, Segment } from './template-source.js';

export const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

/** Function properties read; the others are named as not modelled. */
const FUNCTION_READ = new Set(['MemorySize', 'Timeout', 'Architectures', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'Events', 'FunctionUrlConfig', 'AutoPublishAlias']);

/** Types read as part of another resource (an API's methods, stages, authorizers...). */
const READ_TYPES = new Set([
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Stage',
  'AWS::Lambda::Function',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Url',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
]);

/** Why a resource type that is read but has no scenario key is left out. */
const WHY: Record<string, string> = {
  'AWS::Lambda::Permission': 'permissions are not modelled',
  'AWS::Lambda::EventSourceMapping': 'the model has no SQS, Kinesis or DynamoDB stream entry point',
  'AWS::ApiGateway::ApiKey': "API keys are the scenario's callers (clients.count)",
  'AWS::ApiGateway::UsagePlanKey': "API keys are the scenario's callers (clients.count)",
  'AWS::ApiGateway::RequestValidator': 'request validation is not modelled',
  'AWS::ApiGateway::GatewayResponse': 'custom gateway responses are not modelled',
  'AWS::ApiGateway::Model': 'request models are not modelled',
  'AWS::IAM::Role': 'IAM is not modelled',
  'AWS::IAM::Policy': 'IAM is not modelled',
  'AWS::Logs::LogGroup': 'log groups are priced through cost.accessLogs / cost.logs',
  'AWS::CDK::Metadata': 'CDK bookkeeping',
};

export class TemplateIndex {
  readonly resources: Record<string, Json>;
  constructor(readonly reader: PropertyReader) {
    const r = reader.raw(['Resources']);
    this.resources = isObject(r) ? r : {};
  }

  typeOf(id: string): string | undefined {
    const r = this.resources[id];
    return isObject(r) && typeof r.Type === 'string' ? r.Type : undefined;
  }

  ids(type: string): string[] {
    return Object.keys(this.resources).filter((id) => this.typeOf(id) === type && this.reader.created(id));
  }

  props(id: string): Segment[] {
    return ['Resources', id, 'Properties'];
  }

  /** The resource (of `types`) a value refers to first. */
  refTo(value: Json | undefined, types: ReadonlySet<string> | string): string | undefined {
    if (value === undefined) return undefined;
    const want = typeof types === 'string' ? new Set([types]) : types;
    return referencesIn(value).find((id) => want.has(this.typeOf(id) ?? ''));
  }

  /** The function a Lambda ARN or reference names: a function resource, an alias's or version's function, or one whose FunctionName the ARN gives. */
  functionOf = (uri: Json, refs: string[] = referencesIn(uri)): string | undefined => {
    for (const id of refs) {
      const type = this.typeOf(id);
      if (type && FUNCTION_TYPES.has(type)) return id;
      if (type === 'AWS::Lambda::Alias' || type === 'AWS::Lambda::Version') {
        const fn = this.refTo(this.reader.raw([...this.props(id), 'FunctionName']), FUNCTION_TYPES);
        if (fn) return fn;
      }
    }
    const name = functionNameIn(typeof uri === 'string' ? uri : JSON.stringify(uri));
    if (name === undefined) return undefined;
    return Object.keys(this.resources).find((id) => {
      if (!FUNCTION_TYPES.has(this.typeOf(id) ?? '')) return false;
      const given = this.reader.intrinsics.resolve(this.reader.raw([...this.props(id), 'FunctionName']) ?? null);
      return id === name || (given.ok && given.value === name);
    });
  };

  /** What an HTTP integration through a VPC link reaches: an ALB or NLB listener (by its load balancer's type), a Cloud Map service, or (REST VPC links) an NLB. */
  vpcLinkOf = (integration: Json, at: Segment[]): TargetModel & { kind: 'http' } => {
    const uri = isObject(integration) ? (integration.uri ?? integration.IntegrationUri ?? integration.Uri ?? null) : null;
    let target: VpcLinkTarget = 'nlb';
    const listener = this.refTo(uri ?? undefined, 'AWS::ElasticLoadBalancingV2::Listener');
    if (this.refTo(uri ?? undefined, 'AWS::ServiceDiscovery::Service')) target = 'cloudmap';
    else if (listener) {
      const lb = this.refTo(this.reader.raw([...this.props(listener), 'LoadBalancerArn']), 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const type = lb ? this.reader.string([...this.props(lb), 'Type'])?.value : undefined;
      target = type === 'network' ? 'nlb' : 'alb';
    }
    const from = this.reader.label(at);
    return { kind: 'http', label: `a service behind a VPC link (${target})`, vpcLink: { value: target, from: `${from} (ConnectionType VPC_LINK)`, line: this.reader.line(at) }, from, line: this.reader.line(at) };
  };

  openApi(api: ApiModel): OpenApiContext {
    return { reader: this.reader, api, functionOf: this.functionOf, vpcLinkOf: this.vpcLinkOf };
  }
}

export function readCloudFormation(index: TemplateIndex, model: TemplateModel): void {
  for (const id of [...index.ids('AWS::Lambda::Function')]) model.functions.set(id, readFunction(index, id, [index.props(id)]));
  readProvisioned(index, model);
  for (const id of index.ids('AWS::ApiGateway::RestApi')) model.apis.push(readRestApi(index, id));
  for (const id of index.ids('AWS::ApiGatewayV2::Api')) model.apis.push(readApiV2(index, id));
  for (const id of index.ids('AWS::Lambda::Url')) model.apis.push(readFunctionUrl(index, id));
  model.apis.push(...readAlb(index));
  noteOtherResources(index, model);
}

/** A function's memory, time-out, architecture and reserved concurrency, from the first of `bases` that gives each (SAM: the resource, then Globals). */
export function readFunction(index: TemplateIndex, id: string, bases: Segment[][]): FunctionModel {
  const { reader } = index;
  const fn: FunctionModel = { id, from: `${id}`, line: reader.line(['Resources', id]), notes: [] };
  const at = (key: string) => reader.look(bases, [key]);
  const memory = at('MemorySize');
  if (memory) fn.memoryMb = reader.number(memory.path, undefined, { whole: true });
  const timeout = at('Timeout');
  if (timeout) fn.timeoutS = reader.number(timeout.path, undefined, { min: 1 });
  const arch = at('Architectures');
  if (arch) {
    const first = reader.string([...arch.path, 0]);
    if (first && (first.value === 'x86_64' || first.value === 'arm64')) fn.architecture = { ...first, value: first.value };
    else if (first) reader.fail([...arch.path, 0], `${JSON.stringify(first.value)} is not a Lambda architecture`, 'use x86_64 or arm64');
  }
  const reserved = at('ReservedConcurrentExecutions');
  if (reserved) fn.reserved = reader.number(reserved.path, undefined, { whole: true, min: 0 });
  const provisioned = at('ProvisionedConcurrencyConfig');
  if (provisioned) fn.provisioned = reader.number([...provisioned.path, 'ProvisionedConcurrentExecutions'], undefined, { whole: true, min: 0 });
  const props = reader.raw(bases[0]);
  const rest = isObject(props) ? Object.keys(props).filter((k) => !FUNCTION_READ.has(k)) : [];
  if (rest.length > 0) fn.notes.push({ text: `${id}: not modelled: ${rest.map((k) => `${k}${isObject(props) && typeof props[k] !== 'object' ? ` (${shortValue(props[k])})` : ''}`).join(', ')}`, line: reader.line(bases[0]) });
  return fn;
}

/** Provisioned concurrency set on a function's Version or Alias. */
function readProvisioned(index: TemplateIndex, model: TemplateModel): void {
  for (const type of ['AWS::Lambda::Version', 'AWS::Lambda::Alias']) {
    for (const id of index.ids(type)) {
      const props = index.props(id);
      const fnId = index.functionOf(index.reader.raw([...props, 'FunctionName']) ?? null);
      const n = index.reader.number([...props, 'ProvisionedConcurrencyConfig', 'ProvisionedConcurrentExecutions'], undefined, { whole: true, min: 0 });
      const fn = fnId ? model.functions.get(fnId) : undefined;
      if (n && fn) fn.provisioned = n;
      else if (n) index.reader.note([...props, 'ProvisionedConcurrencyConfig'], 'provisioned concurrency of a function not in this template');
    }
  }
}

function readRestApi(index: TemplateIndex, id: string): ApiModel {
  const { reader } = index;
  const props = index.props(id);
  const api = newApi(id, { value: 'rest', from: `${id}.Type`, line: reader.line(['Resources', id, 'Type']) });
  const types = reader.raw([...props, 'EndpointConfiguration', 'Types']);
  const type = Array.isArray(types) ? reader.string([...props, 'EndpointConfiguration', 'Types', 0]) : undefined;
  // no EndpointConfiguration: API Gateway creates an edge-optimized API
  // (https://docs.aws.amazon.com/apigateway/latest/api/API_EndpointConfiguration.html)
  api.endpoint = type ? { ...type, value: endpointType(reader, [...props, 'EndpointConfiguration', 'Types', 0], type.value) } : { value: 'edge', from: 'EndpointConfiguration not given: an edge-optimized API' };
  if (reader.raw([...props, 'Body']) !== undefined) readOpenApi(index.openApi(api), [...props, 'Body']);
  for (const key of ['BodyS3Location', 'BinaryMediaTypes', 'ApiKeySourceType', 'MinimumCompressionSize', 'Policy', 'DisableExecuteApiEndpoint']) {
    if (reader.raw([...props, key]) !== undefined) reader.note([...props, key], key === 'BodyS3Location' ? 'a definition in S3 is not read: inline it as Body to import its routes' : 'not modelled');
  }
  readMethods(index, api);
  readRestAuthorizers(index, api);
  readRestStage(index, api);
  readUsagePlans(index, api);
  return api;
}

export function endpointType(reader: PropertyReader, at: Segment[], text: string): 'regional' | 'edge' | 'private' {
  const t = text.toLowerCase();
  if (t === 'regional' || t === 'edge' || t === 'private') return t;
  return reader.fail(at, `${JSON.stringify(text)} is not an endpoint type`, 'use EDGE, REGIONAL or PRIVATE');
}

/** `AWS::ApiGateway::Method`s of the API, each a route named by its method and the path its Resource chain builds. */
function readMethods(index: TemplateIndex, api: ApiModel): void {
  const { reader } = index;
  for (const id of index.ids('AWS::ApiGateway::Method')) {
    const props = index.props(id);
    if (index.refTo(reader.raw([...props, 'RestApiId']), 'AWS::ApiGateway::RestApi') !== api.id) continue;
    const method = reader.string([...props, 'HttpMethod'])?.value ?? 'ANY';
    const path = resourcePath(index, reader.raw([...props, 'ResourceId']));
    const integration = reader.raw([...props, 'Integration']);
    const at = [...props, 'Integration'];
    const target: TargetModel = isObject(integration)
      ? targetOf(index.openApi(api), { type: reader.string([...at, 'Type'])?.value ?? '', uri: integration.Uri ?? null, connectionType: String(integration.ConnectionType ?? ''), raw: integration }, at)
      : { kind: 'other', label: 'no Integration', from: reader.label(props), line: reader.line(props) };
    const auth = reader.string([...props, 'AuthorizationType'])?.value.toUpperCase() ?? 'NONE';
    const authorizerId = index.refTo(reader.raw([...props, 'AuthorizerId']), 'AWS::ApiGateway::Authorizer');
    const route = { name: `${method.toUpperCase()} ${path}`, target, authorizer: auth === 'NONE' ? null : auth === 'AWS_IAM' ? 'AWS_IAM' : (authorizerId ?? null), from: `${id}`, line: reader.line(['Resources', id]), timeoutMs: reader.number([...at, 'TimeoutInMillis'], undefined, { min: 1 }) };
    if (auth === 'AWS_IAM' && !api.authorizers.some((a) => a.name === 'AWS_IAM')) api.authorizers.push({ name: 'AWS_IAM', type: 'iam', from: `${id}.Properties.AuthorizationType`, line: reader.line([...props, 'AuthorizationType']) });
    if (reader.bool([...props, 'ApiKeyRequired'])?.value) reader.note([...props, 'ApiKeyRequired'], "an API key is required: the keys are the scenario's callers (clients.count)");
    api.routes.push(route);
  }
}

/** `/items/{id}` from a Method's ResourceId: the API's root, or a chain of `AWS::ApiGateway::Resource` PathParts. */
function resourcePath(index: TemplateIndex, ref: Json | undefined): string {
  const parts: string[] = [];
  let current = ref;
  for (let depth = 0; depth < 64 && current !== undefined; depth++) {
    const id = index.refTo(current, 'AWS::ApiGateway::Resource');
    if (!id) break;
    const part = index.reader.intrinsics.resolve(index.reader.raw([...index.props(id), 'PathPart']) ?? null);
    parts.unshift(part.ok ? String(part.value) : `{${id}}`);
    current = index.reader.raw([...index.props(id), 'ParentId']);
  }
  return `/${parts.join('/')}`;
}

function readRestAuthorizers(index: TemplateIndex, api: ApiModel): void {
  const { reader } = index;
  for (const id of index.ids('AWS::ApiGateway::Authorizer')) {
    const props = index.props(id);
    if (index.refTo(reader.raw([...props, 'RestApiId']), 'AWS::ApiGateway::RestApi') !== api.id) continue;
    const type = reader.string([...props, 'Type'])?.value.toUpperCase();
    const ttl = reader.number([...props, 'AuthorizerResultTtlInSeconds'], undefined, { min: 0 });
    const base = { name: id, from: `${id}.Properties.Type`, line: reader.line([...props, 'Type']), cacheTtlS: ttl };
    if (type === 'COGNITO_USER_POOLS') api.authorizers.push({ ...base, type: 'cognito' });
    else api.authorizers.push({ ...base, type: 'lambda', functionId: index.functionOf(reader.raw([...props, 'AuthorizerUri']) ?? null) });
  }
}

/** The API's stage (a Stage resource, or a Deployment's StageDescription): method settings, cache cluster, access logs. */
function readRestStage(index: TemplateIndex, api: ApiModel): void {
  const { reader } = index;
  const stages = index.ids('AWS::ApiGateway::Stage').filter((id) => index.refTo(reader.raw([...index.props(id), 'RestApiId']), 'AWS::ApiGateway::RestApi') === api.id);
  const deployments = index.ids('AWS::ApiGateway::Deployment').filter((id) => index.refTo(reader.raw([...index.props(id), 'RestApiId']), 'AWS::ApiGateway::RestApi') === api.id && reader.raw([...index.props(id), 'StageDescription']) !== undefined);
  const bases = [...stages.map((id) => index.props(id)), ...deployments.map((id) => [...index.props(id), 'StageDescription'])];
  if (bases.length === 0) return;
  const [at, ...others] = bases;
  for (const o of others) reader.note(o, `another stage of ${api.id}: the scenario models one (${reader.label(at)})`);
  const ttl = readMethodSettings(reader, api, [...at, 'MethodSettings']);
  if (at[at.length - 1] === 'StageDescription') {
    const b = reader.raw([...at, 'ThrottlingRateLimit']) !== undefined || reader.raw([...at, 'ThrottlingBurstLimit']) !== undefined;
    if (b) api.stageThrottle = { rate: reader.number([...at, 'ThrottlingRateLimit']), burst: reader.number([...at, 'ThrottlingBurstLimit'], undefined, { whole: true }) };
  }
  const stageTtl = ttl ?? (at[at.length - 1] === 'StageDescription' ? reader.number([...at, 'CacheTtlInSeconds'], undefined, { min: 0 }) : undefined);
  readCacheCluster(reader, api, [...at, 'CacheClusterEnabled'], [...at, 'CacheClusterSize'], stageTtl);
  readAccessLogs(reader, api, [...at, 'AccessLogSetting']);
  for (const key of ['TracingEnabled', 'Variables', 'CanarySetting']) if (reader.raw([...at, key]) !== undefined) reader.note([...at, key], 'not modelled');
}

/** `AWS::ApiGateway::UsagePlan`s on the API: the first one's throttle and quota apply to every caller. */
export function readUsagePlans(index: TemplateIndex, api: ApiModel): void {
  const { reader } = index;
  const plans = index.ids('AWS::ApiGateway::UsagePlan').filter((id) => {
    const stages = reader.raw([...index.props(id), 'ApiStages']);
    return Array.isArray(stages) && stages.some((s) => isObject(s) && index.refTo(s.ApiId, new Set(['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api'])) === api.id);
  });
  const [id, ...others] = plans;
  if (!id) return;
  for (const o of others) reader.note(['Resources', o], `another usage plan of ${api.id}: the scenario puts every caller on one (${id})`);
  readUsagePlan(reader, api, index.props(id));
  const stages = reader.raw([...index.props(id), 'ApiStages']);
  (Array.isArray(stages) ? stages : []).forEach((s, i) => {
    if (isObject(s) && s.Throttle !== undefined) reader.note([...index.props(id), 'ApiStages', i, 'Throttle'], 'per-method usage plan throttles are not modelled (the plan-wide one is)');
  });
}

/** A usage plan's Throttle {RateLimit, BurstLimit} and Quota {Limit, Period}, at `at` (a UsagePlan's properties, or SAM's Auth.UsagePlan). */
export function readUsagePlan(reader: PropertyReader, api: ApiModel, at: Segment[]): void {
  const rate = reader.number([...at, 'Throttle', 'RateLimit']);
  const burst = reader.number([...at, 'Throttle', 'BurstLimit'], undefined, { whole: true });
  const limit = reader.number([...at, 'Quota', 'Limit'], undefined, { whole: true, min: 1 });
  const period = reader.string([...at, 'Quota', 'Period']);
  const plan: NonNullable<ApiModel['usagePlan']> = {};
  if (rate && rate.value > 0) plan.rate = rate;
  if (burst && burst.value > 0) plan.burst = burst;
  if (limit) {
    const unit = (period?.value ?? 'MONTH').toLowerCase();
    if (!['day', 'week', 'month'].includes(unit)) reader.fail([...at, 'Quota', 'Period'], `${JSON.stringify(period?.value)} is not a quota period`, 'use DAY, WEEK or MONTH');
    plan.quota = { value: `${limit.value}/${unit}`, from: `${limit.from}${period ? ' and Period' : ' (Period not given: MONTH)'}`, line: limit.line };
  }
  if (reader.raw([...at, 'Quota', 'Offset']) !== undefined) reader.note([...at, 'Quota', 'Offset'], 'not modelled (the quota period starts with the run)');
  if (plan.rate || plan.burst || plan.quota) api.usagePlan = plan;
}

/** An `AWS::ApiGatewayV2::Api`: an HTTP or WebSocket API with its routes, integrations, authorizers and stage. */
function readApiV2(index: TemplateIndex, id: string): ApiModel {
  const { reader } = index;
  const props = index.props(id);
  const protocol = reader.string([...props, 'ProtocolType']);
  const api = newApi(id, { value: protocol?.value.toUpperCase() === 'WEBSOCKET' ? 'websocket' : 'http', from: protocol?.from ?? `${id}.Type`, line: protocol?.line });
  if (reader.raw([...props, 'Body']) !== undefined) readOpenApi(index.openApi(api), [...props, 'Body']);
  const quick = reader.raw([...props, 'Target']);
  if (quick !== undefined) {
    // quick create: a $default route to this Lambda function
    const fnId = index.functionOf(quick);
    const text = typeof quick === 'string' ? quick : JSON.stringify(quick);
    api.routes.push({ name: reader.string([...props, 'RouteKey'])?.value ?? '$default', target: { kind: 'lambda', functionId: fnId, label: fnId ?? functionNameIn(text) ?? 'a Lambda function', from: `${id}.Properties.Target`, line: reader.line([...props, 'Target']) }, from: `${id}.Properties.Target`, line: reader.line([...props, 'Target']) });
  }
  for (const key of ['CorsConfiguration', 'DisableExecuteApiEndpoint', 'RouteSelectionExpression', 'BodyS3Location']) {
    if (reader.raw([...props, key]) !== undefined) reader.note([...props, key], key === 'CorsConfiguration' ? 'CORS preflight (OPTIONS) requests are not modelled' : 'not modelled');
  }
  const mine = (type: string) => index.ids(type).filter((r) => index.refTo(reader.raw([...index.props(r), 'ApiId']), 'AWS::ApiGatewayV2::Api') === id);
  for (const a of mine('AWS::ApiGatewayV2::Authorizer')) {
    const p = index.props(a);
    const type = reader.string([...p, 'AuthorizerType'])?.value.toUpperCase();
    const ttl = reader.number([...p, 'AuthorizerResultTtlInSeconds'], undefined, { min: 0 });
    const base = { name: a, from: `${a}.Properties.AuthorizerType`, line: reader.line([...p, 'AuthorizerType']), cacheTtlS: ttl };
    if (type === 'JWT') api.authorizers.push({ ...base, type: 'jwt' });
    else api.authorizers.push({ ...base, type: 'lambda', functionId: index.functionOf(reader.raw([...p, 'AuthorizerUri']) ?? null) });
  }
  for (const r of mine('AWS::ApiGatewayV2::Route')) {
    const p = index.props(r);
    const key = reader.string([...p, 'RouteKey'])?.value ?? '$default';
    const integrationId = index.refTo(reader.raw([...p, 'Target']), 'AWS::ApiGatewayV2::Integration');
    const auth = reader.string([...p, 'AuthorizationType'])?.value.toUpperCase() ?? 'NONE';
    if (auth === 'AWS_IAM' && !api.authorizers.some((a) => a.name === 'AWS_IAM')) api.authorizers.push({ name: 'AWS_IAM', type: 'iam', from: `${r}.Properties.AuthorizationType`, line: reader.line([...p, 'AuthorizationType']) });
    const ip = integrationId ? index.props(integrationId) : undefined;
    const raw = ip ? reader.raw(ip) : undefined;
    const target: TargetModel =
      ip && isObject(raw)
        ? targetOf(index.openApi(api), { type: reader.string([...ip, 'IntegrationType'])?.value ?? '', uri: raw.IntegrationUri ?? null, connectionType: String(raw.ConnectionType ?? ''), raw }, ip)
        : { kind: 'other', label: 'no integration', from: `${r}.Properties.Target`, line: reader.line(p) };
    api.routes.push({ name: key, target, authorizer: auth === 'NONE' ? null : auth === 'AWS_IAM' ? 'AWS_IAM' : (index.refTo(reader.raw([...p, 'AuthorizerId']), 'AWS::ApiGatewayV2::Authorizer') ?? null), timeoutMs: ip ? reader.number([...ip, 'TimeoutInMillis'], undefined, { min: 1 }) : undefined, from: r, line: reader.line(['Resources', r]) });
  }
  const [stage, ...others] = mine('AWS::ApiGatewayV2::Stage');
  for (const o of others) reader.note(['Resources', o], `another stage of ${id}: the scenario models one (${stage})`);
  if (stage) {
    const p = index.props(stage);
    readRouteSettings(reader, api, [...p, 'DefaultRouteSettings'], [...p, 'RouteSettings']);
    readAccessLogs(reader, api, [...p, 'AccessLogSettings']);
  }
  return api;
}

/** `AWS::Lambda::Url`: a function URL, IAM-authorized when AuthType is AWS_IAM. */
function readFunctionUrl(index: TemplateIndex, id: string): ApiModel {
  const { reader } = index;
  const props = index.props(id);
  const api = newApi(id, { value: 'function-url', from: `${id}.Type`, line: reader.line(['Resources', id, 'Type']) });
  const fnId = index.functionOf(reader.raw([...props, 'TargetFunctionArn']) ?? null);
  api.routes.push({ name: 'ANY /', target: { kind: 'lambda', functionId: fnId, label: fnId ?? 'a Lambda function', from: `${id}.Properties.TargetFunctionArn`, line: reader.line([...props, 'TargetFunctionArn']) }, from: id, line: reader.line(['Resources', id]) });
  functionUrlAuth(reader, api, [...props, 'AuthType']);
  if (reader.raw([...props, 'Cors']) !== undefined) reader.note([...props, 'Cors'], 'CORS preflight requests are not modelled');
  if (reader.raw([...props, 'InvokeMode']) !== undefined) reader.note([...props, 'InvokeMode'], 'response streaming is not modelled');
  return api;
}

export function functionUrlAuth(reader: PropertyReader, api: ApiModel, at: Segment[]): void {
  const auth = reader.string(at);
  if (auth?.value.toUpperCase() === 'AWS_IAM') {
    api.authorizers.push({ name: 'AWS_IAM', type: 'iam', from: auth.from, line: auth.line });
    api.defaultAuthorizer = { value: 'AWS_IAM', from: auth.from, line: auth.line };
  }
}

/** Every resource neither read nor part of what is read, named with its type, one line per type. */
function noteOtherResources(index: TemplateIndex, model: TemplateModel): void {
  const byType = new Map<string, string[]>();
  for (const id of Object.keys(index.resources)) {
    const type = index.typeOf(id) ?? '(no Type)';
    if (READ_TYPES.has(type) || type.startsWith('AWS::Serverless::')) continue;
    byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  for (const [type, ids] of byType) {
    const line = index.reader.line(['Resources', ids[0]]);
    model.notes.push({ text: `${type}: ${ids.join(', ')}: not modelled${WHY[type] ? ` (${WHY[type]})` : ''}`, line });
  }
}
