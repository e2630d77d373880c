/**
 * AWS SAM's resources (a template with `Transform: AWS::Serverless-2016-10-31`):
 * `AWS::Serverless::Function` (MemorySize, Timeout, Architectures,
 * ReservedConcurrentExecutions, ProvisionedConcurrencyConfig, Events,
 * FunctionUrlConfig), `AWS::Serverless::Api` (EndpointConfiguration,
 * CacheClusterEnabled/Size, MethodSettings, Auth with its authorizers and
 * usage plan, DefinitionBody, AccessLogSetting) and `AWS::Serverless::HttpApi`
 * (Auth, DefaultRouteSettings, RouteSettings, DefinitionBody,
 * AccessLogSettings), each read with `Globals` underneath. Functions' `Api`
 * and `HttpApi` events make the routes, on the API they name or on the
 * implicit `ServerlessRestApi` / `ServerlessHttpApi` SAM creates.
 *
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html
 */
import { endpointType, functionUrlAuth, readFunction, readUsagePlan, readUsagePlans, type TemplateIndex } from './cloudformation.js';
import { newApi, type ApiModel, type AuthorizerModel, type TemplateModel } from './front-door-model.js';
import { readOpenApi } from './openapi.js';
import { isObject } from './property-reader.js';
import { readAccessLogs, readCacheCluster, readMethodSettings, readRouteSettings } from './stage-settings.js';
import type { Segment } from './template-source.js';

const IMPLICIT_REST = 'ServerlessRestApi';
const IMPLICIT_HTTP = 'ServerlessHttpApi';

const API_NOTES: Record<string, string> = {
  Cors: 'CORS preflight (OPTIONS) requests are not modelled',
  CorsConfiguration: 'CORS preflight (OPTIONS) requests are not modelled',
  BinaryMediaTypes: 'payload encoding is not modelled',
  GatewayResponses: 'custom gateway responses are not modelled',
  MinimumCompressionSize: 'compression is not modelled',
  TracingEnabled: 'X-Ray tracing is not modelled',
  Domain: 'a custom domain adds no modelled latency',
  DefinitionUri: 'a definition in another file or in S3 is not read: inline it as DefinitionBody to import its routes',
  CanarySetting: 'canary deployments are not modelled',
  ApiKeySourceType: "API keys are the scenario's callers (clients.count)",
  DisableExecuteApiEndpoint: 'not modelled',
  Variables: 'stage variables are not modelled',
};

export function readSam(index: TemplateIndex, model: TemplateModel): void {
  const { reader } = index;
  const globals = (kind: string): Segment[] => ['Globals', kind];
  const apis = new Map<string, ApiModel>();
  for (const id of index.ids('AWS::Serverless::Api')) apis.set(id, readRestApi(index, id, [index.props(id), globals('Api')]));
  for (const id of index.ids('AWS::Serverless::HttpApi')) apis.set(id, readHttpApi(index, id, [index.props(id), globals('HttpApi')]));
  for (const id of index.ids('AWS::Serverless::Function')) {
    const bases = [index.props(id), globals('Function')];
    model.functions.set(id, readFunction(index, id, bases));
    readEvents(index, id, apis, model);
    const url = reader.look(bases, ['FunctionUrlConfig']);
    if (url) {
      // SAM names the function URL <function>Url
      const api = newApi(`${id}Url`, { value: 'function-url', from: reader.label(url.path), line: reader.line(url.path) });
      api.routes.push({ name: 'ANY /', target: { kind: 'lambda', functionId: id, label: id, from: reader.label(url.path), line: reader.line(url.path) }, from: reader.label(url.path), line: reader.line(url.path) });
      functionUrlAuth(reader, api, [...url.path, 'AuthType']);
      apis.set(api.id, api);
    }
    const alias = reader.look(bases, ['ProvisionedConcurrencyConfig']);
    if (alias && reader.look(bases, ['AutoPublishAlias']) === undefined) reader.note(alias.path, 'SAM applies provisioned concurrency only with AutoPublishAlias');
  }
  model.apis.push(...apis.values());
}

function readRestApi(index: TemplateIndex, id: string, bases: Segment[][]): ApiModel {
  const { reader } = index;
  const api = newApi(id, { value: 'rest', from: id === IMPLICIT_REST ? 'the Api events of the functions (SAM\'s implicit ServerlessRestApi)' : `${id}.Type`, line: reader.line(['Resources', id, 'Type']) });
  const endpoint = reader.look(bases, ['EndpointConfiguration']);
  const typeAt = endpoint ? (isObject(endpoint.value) ? [...endpoint.path, 'Type'] : endpoint.path) : undefined;
  const type = typeAt ? reader.string(typeAt) : undefined;
  // SAM's default endpoint is EDGE (EndpointConfiguration of AWS::Serverless::Api)
  api.endpoint = type && typeAt ? { ...type, value: endpointType(reader, typeAt, type.value) } : { value: 'edge', from: 'EndpointConfiguration not given: SAM creates an edge-optimized API' };
  const body = reader.look(bases, ['DefinitionBody']);
  if (body) readOpenApi(index.openApi(api), body.path);
  const settings = reader.look(bases, ['MethodSettings']);
  const ttl = settings ? readMethodSettings(reader, api, settings.path) : undefined;
  readCacheCluster(reader, api, reader.look(bases, ['CacheClusterEnabled'])?.path, reader.look(bases, ['CacheClusterSize'])?.path, ttl);
  readAccessLogs(reader, api, reader.look(bases, ['AccessLogSetting'])?.path);
  readAuth(index, api, bases, 'rest');
  const plan = reader.look(bases, ['Auth', 'UsagePlan']);
  if (plan) {
    const create = reader.string([...plan.path, 'CreateUsagePlan']);
    if (create?.value.toUpperCase() === 'NONE') reader.note(create ? [...plan.path, 'CreateUsagePlan'] : plan.path, 'NONE: no usage plan');
    else readUsagePlan(reader, api, plan.path);
  }
  if (!api.usagePlan) readUsagePlans(index, api);
  noteApiProperties(index, bases);
  return api;
}

function readHttpApi(index: TemplateIndex, id: string, bases: Segment[][]): ApiModel {
  const { reader } = index;
  const api = newApi(id, { value: 'http', from: id === IMPLICIT_HTTP ? "the HttpApi events of the functions (SAM's implicit ServerlessHttpApi)" : `${id}.Type`, line: reader.line(['Resources', id, 'Type']) });
  const body = reader.look(bases, ['DefinitionBody']);
  if (body) readOpenApi(index.openApi(api), body.path);
  readRouteSettings(reader, api, reader.look(bases, ['DefaultRouteSettings'])?.path, reader.look(bases, ['RouteSettings'])?.path);
  readAccessLogs(reader, api, reader.look(bases, ['AccessLogSettings'])?.path);
  readAuth(index, api, bases, 'http');
  noteApiProperties(index, bases);
  return api;
}

/** `Auth`: DefaultAuthorizer, the Authorizers (Lambda, Cognito, JWT), IAM. */
function readAuth(index: TemplateIndex, api: ApiModel, bases: Segment[][], kind: 'rest' | 'http'): void {
  const { reader } = index;
  const def = reader.look(bases, ['Auth', 'DefaultAuthorizer']);
  if (def) api.defaultAuthorizer = reader.string(def.path);
  const names = new Set<string>();
  for (const base of bases) {
    const list = reader.raw([...base, 'Auth', 'Authorizers']);
    if (isObject(list)) Object.keys(list).forEach((n) => names.add(n));
  }
  for (const name of names) {
    const at = reader.look(bases, ['Auth', 'Authorizers', name]);
    if (!at || !isObject(at.value)) continue;
    const a: AuthorizerModel = { name, type: 'lambda', from: reader.label(at.path), line: reader.line(at.path) };
    if (at.value.JwtConfiguration !== undefined) a.type = 'jwt';
    else if (at.value.UserPoolArn !== undefined) a.type = 'cognito';
    else if (at.value.FunctionArn !== undefined) a.functionId = index.functionOf(at.value.FunctionArn);
    else {
      reader.note(at.path, 'an authorizer that is neither Lambda, Cognito nor JWT: not modelled');
      continue;
    }
    const ttl = reader.number([...at.path, 'Identity', 'ReauthorizeEvery'], undefined, { min: 0 });
    if (ttl) a.cacheTtlS = ttl;
    api.authorizers.push(a);
  }
  const iam = kind === 'http' ? reader.look(bases, ['Auth', 'EnableIamAuthorizer']) : undefined;
  if ((iam && reader.bool(iam.path)?.value) || api.defaultAuthorizer?.value === 'AWS_IAM') {
    api.authorizers.push({ name: 'AWS_IAM', type: 'iam', from: iam ? reader.label(iam.path) : (api.defaultAuthorizer?.from ?? ''), line: iam ? reader.line(iam.path) : api.defaultAuthorizer?.line });
  }
  const keys = reader.look(bases, ['Auth', 'ApiKeyRequired']);
  if (keys && reader.bool(keys.path)?.value) reader.note(keys.path, "an API key is required: the keys are the scenario's callers (clients.count)");
  const policy = reader.look(bases, ['Auth', 'ResourcePolicy']);
  if (policy) reader.note(policy.path, 'a resource policy is not modelled');
}

function noteApiProperties(index: TemplateIndex, bases: Segment[][]): void {
  for (const [key, why] of Object.entries(API_NOTES)) {
    const at = index.reader.look(bases, [key]);
    if (at) index.reader.note(at.path, why);
  }
}

/** A function's events: Api and HttpApi events are routes; the others (SQS, S3, Schedule...) are named as not modelled. */
function readEvents(index: TemplateIndex, fnId: string, apis: Map<string, ApiModel>, model: TemplateModel): void {
  const { reader } = index;
  const eventsAt = [...index.props(fnId), 'Events'];
  const events = reader.raw(eventsAt);
  if (!isObject(events)) return;
  for (const [name, event] of Object.entries(events)) {
    const at = [...eventsAt, name];
    if (!isObject(event)) continue;
    const type = reader.string([...at, 'Type'])?.value;
    if (type !== 'Api' && type !== 'HttpApi') {
      model.notes.push({ text: `${fnId}.Properties.Events.${name}: a ${type} event source is not modelled`, line: reader.line(at) });
      continue;
    }
    const p = [...at, 'Properties'];
    const rest = type === 'Api';
    const named = index.refTo(reader.raw([...p, rest ? 'RestApiId' : 'ApiId']), rest ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi');
    const apiId = named ?? (rest ? IMPLICIT_REST : IMPLICIT_HTTP);
    if (!apis.has(apiId)) apis.set(apiId, rest ? readRestApi(index, apiId, [['Globals', 'Api']]) : readHttpApi(index, apiId, [['Globals', 'HttpApi']]));
    const api = apis.get(apiId) as ApiModel;
    const path = reader.string([...p, 'Path'])?.value;
    const method = reader.string([...p, 'Method'])?.value.toUpperCase();
    const routeName = path === undefined && !rest ? '$default' : `${method === undefined || method === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : method} ${path ?? '/'}`;
    const authorizer = reader.string([...p, 'Auth', 'Authorizer'])?.value;
    api.routes.push({
      name: routeName,
      target: { kind: 'lambda', functionId: fnId, label: fnId, from: reader.label(at), line: reader.line(at) },
      authorizer: authorizer === undefined ? undefined : authorizer === 'NONE' ? null : authorizer,
      timeoutMs: reader.number([...p, 'TimeoutInMillis'], undefined, { min: 1 }),
      from: reader.label(at),
      line: reader.line(at),
    });
    if (reader.bool([...p, 'Auth', 'ApiKeyRequired'])?.value) reader.note([...p, 'Auth', 'ApiKeyRequired'], "an API key is required: the keys are the scenario's callers (clients.count)");
    if (reader.raw([...p, 'RouteSettings']) !== undefined) {
      const b = reader.raw([...p, 'RouteSettings']);
      if (isObject(b)) {
        const rate = reader.number([...p, 'RouteSettings', 'ThrottlingRateLimit']);
        const burst = reader.number([...p, 'RouteSettings', 'ThrottlingBurstLimit'], undefined, { whole: true });
        if (rate || burst) api.routeThrottles.push({ route: routeName, rate, burst });
      }
    }
  }
}
