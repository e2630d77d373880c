/**
 * Reads an OpenAPI 3 definition with API Gateway's extensions: a file of its
 * own, or a SAM/CloudFormation API's `DefinitionBody`/`Body`. Its routes
 * (paths and methods, `x-amazon-apigateway-any-method`), each route's
 * `x-amazon-apigateway-integration` (Lambda proxy, HTTP, VPC link, time-out),
 * its authorizers (`securitySchemes` with `x-amazon-apigateway-authorizer` or
 * `x-amazon-apigateway-authtype`) and the endpoint configuration are mapped;
 * the other extensions (request validators, API key source, binary media
 * types, CORS, gateway responses...) are listed as not modelled.
 *
 * API Gateway's OpenAPI extensions:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */
import type { AuthorizerModel, ApiModel, RouteModel, TargetModel } from './front-door-model.js';
import { referencesIn } from './intrinsics.js';
import { isObject, type PropertyReader } from './property-reader.js';
import type { Json, Segment } from './template-source.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Why each top-level extension with no scenario key is left out. */
const NOT_MODELLED: Record<string, string> = {
  'x-amazon-apigateway-request-validators': 'request validation is not modelled (a request it refuses would be a 400)',
  'x-amazon-apigateway-request-validator': 'request validation is not modelled (a request it refuses would be a 400)',
  'x-amazon-apigateway-api-key-source': 'API keys are the scenario\'s callers (clients.count); where the key is read from does not matter to the model',
  'x-amazon-apigateway-binary-media-types': 'payload encoding is not modelled: give the sizes in load.payload',
  'x-amazon-apigateway-cors': 'CORS preflight (OPTIONS) requests are not modelled: add them to load.routes if they matter',
  'x-amazon-apigateway-gateway-responses': 'custom gateway response bodies are not modelled (api.responses remaps the Lambda throttle and error statuses only)',
  'x-amazon-apigateway-minimum-compression-size': 'compression is not modelled: give the sizes sent in load.payload',
  'x-amazon-apigateway-policy': 'a resource policy is not modelled',
  'x-amazon-apigateway-importexport-version': 'read to tell an HTTP API',
  'x-amazon-apigateway-documentation': 'documentation is not modelled',
  'x-amazon-apigateway-tag-value': 'tags are not modelled',
};

export interface OpenApiContext {
  reader: PropertyReader;
  api: ApiModel;
  /** The function a Lambda ARN (or a reference to one) names, when the template holds it. */
  functionOf(uri: Json, refs: string[]): string | undefined;
  /** The VPC link target of an HTTP integration through a VPC link. */
  vpcLinkOf(integration: Json, path: Segment[]): TargetModel & { kind: 'http' };
}

/** True when a standalone definition is an HTTP API's (payload format 2.0, JWT authorizers, the HTTP API's CORS or export version), else a REST API's. */
export function looksLikeHttpApi(doc: Json): { http: boolean; why: string } {
  if (!isObject(doc)) return { http: false, why: '' };
  if (doc['x-amazon-apigateway-importexport-version'] !== undefined) return { http: true, why: 'x-amazon-apigateway-importexport-version is an HTTP API export' };
  if (doc['x-amazon-apigateway-cors'] !== undefined) return { http: true, why: 'x-amazon-apigateway-cors is an HTTP API setting' };
  const text = JSON.stringify(doc);
  if (/"payloadFormatVersion"/.test(text)) return { http: true, why: 'integrations give a payloadFormatVersion (HTTP APIs only)' };
  if (/"type":"jwt"/.test(text)) return { http: true, why: 'a JWT authorizer (HTTP APIs only)' };
  return { http: false, why: 'no HTTP API extension: read as a REST API' };
}

export function readOpenApi(ctx: OpenApiContext, base: Segment[]): void {
  const { reader, api } = ctx;
  const doc = reader.raw(base);
  if (!isObject(doc)) return;
  readAuthorizers(ctx, base);
  const globalSecurity = doc.security;
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [key, op] of Object.entries(item)) {
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : METHODS.includes(key) ? key.toUpperCase() : null;
      if (method === null || !isObject(op)) continue;
      const opPath = [...base, 'paths', path, key];
      api.routes.push(routeOf(ctx, `${method} ${path}`, op, opPath, op.security ?? globalSecurity));
    }
  }
  for (const key of Object.keys(doc)) {
    if (!key.startsWith('x-amazon-apigateway-')) continue;
    if (key === 'x-amazon-apigateway-endpoint-configuration') readEndpoint(ctx, [...base, key]);
    else reader.note([...base, key], `not modelled: ${NOT_MODELLED[key] ?? 'no scenario setting for it'}`);
  }
  for (const [i, server] of (Array.isArray(doc.servers) ? doc.servers : []).entries()) {
    if (isObject(server) && server['x-amazon-apigateway-endpoint-configuration'] !== undefined) readEndpoint(ctx, [...base, 'servers', i, 'x-amazon-apigateway-endpoint-configuration']);
  }
}

function routeOf(ctx: OpenApiContext, name: string, op: Record<string, Json>, opPath: Segment[], security: Json | undefined): RouteModel {
  const { reader } = ctx;
  const route: RouteModel = { name, target: { kind: 'other', label: 'no x-amazon-apigateway-integration', from: reader.label(opPath), line: reader.line(opPath) }, from: reader.label(opPath), line: reader.line(opPath) };
  const integration = op['x-amazon-apigateway-integration'];
  const at = [...opPath, 'x-amazon-apigateway-integration'];
  if (isObject(integration)) {
    const type = reader.string([...at, 'type'])?.value ?? '';
    route.target = targetOf(ctx, { type, uri: integration.uri ?? null, connectionType: String(integration.connectionType ?? ''), raw: integration }, at);
    const timeout = reader.number([...at, 'timeoutInMillis'], undefined, { min: 1 });
    if (timeout) route.timeoutMs = timeout;
  }
  if (Array.isArray(security)) {
    const names = security.flatMap((s) => (isObject(s) ? Object.keys(s) : []));
    const known = names.find((n) => ctx.api.authorizers.some((a) => a.name === n));
    route.authorizer = security.length === 0 ? null : (known ?? null);
  }
  return route;
}

/** What an integration calls: a Lambda function (by logical ID when the template holds it), an HTTP service (through a VPC link or not), or something not modelled. */
export function targetOf(ctx: OpenApiContext, integration: { type: string; uri: Json; connectionType: string; raw: Json }, at: Segment[]): TargetModel {
  const { reader } = ctx;
  const type = integration.type.toLowerCase();
  const uri = integration.uri;
  const uriText = typeof uri === 'string' ? uri : JSON.stringify(uri);
  const from = reader.label(at);
  const line = reader.line(at);
  if ((type === 'aws_proxy' || type === 'aws') && /:lambda:path\//.test(uriText)) {
    const functionId = ctx.functionOf(uri, referencesIn(uri));
    return { kind: 'lambda', functionId, label: functionId ?? functionNameIn(uriText) ?? 'a Lambda function', from, line };
  }
  if (type === 'aws_proxy' && typeof uri === 'string' && !uri.includes(':')) {
    // a placeholder the file is filled in with later (Terraform's ${...}): a Lambda proxy all the same
    return { kind: 'lambda', label: uri, from, line };
  }
  if (type === 'aws_proxy' && referencesIn(uri).length > 0) {
    // an HTTP API's integration URI may be the function's ARN itself
    const functionId = ctx.functionOf(uri, referencesIn(uri));
    if (functionId) return { kind: 'lambda', functionId, label: functionId, from, line };
  }
  if (type === 'http_proxy' || type === 'http') {
    if (integration.connectionType.toUpperCase() === 'VPC_LINK') return ctx.vpcLinkOf(integration.raw, at);
    return { kind: 'http', label: typeof uri === 'string' && uri.length <= 60 ? uri : 'an HTTP endpoint', from, line };
  }
  if (type === 'mock') return { kind: 'other', label: 'a MOCK integration', from, line };
  const service = /:apigateway:[^:]*:([a-z0-9-]+):/.exec(uriText)?.[1];
  return { kind: 'other', label: service ? `an AWS service integration (${service})` : `a ${type || 'typeless'} integration`, from, line };
}

/** `MyFunction` out of `...:function:MyFunction/invocations` (or `...:function:MyFunction:live/...`). */
export function functionNameIn(uri: string): string | undefined {
  return /:function:([^/:"${}]+)/.exec(uri)?.[1];
}

function readAuthorizers(ctx: OpenApiContext, base: Segment[]): void {
  const { reader, api } = ctx;
  const schemesPath = [...base, 'components', 'securitySchemes'];
  const schemes = reader.raw(schemesPath);
  if (!isObject(schemes)) return;
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) continue;
    const at = [...schemesPath, name];
    const ext = scheme['x-amazon-apigateway-authorizer'];
    const from = reader.label(at);
    const line = reader.line(at);
    if (isObject(ext)) {
      const type = reader.string([...at, 'x-amazon-apigateway-authorizer', 'type'])?.value.toLowerCase();
      const a: AuthorizerModel = { name, type: 'lambda', from, line };
      if (type === 'jwt') a.type = 'jwt';
      else if (type === 'cognito_user_pools') a.type = 'cognito';
      else if (type === 'token' || type === 'request') {
        const uri = ext.authorizerUri ?? null;
        a.functionId = ctx.functionOf(uri, referencesIn(uri));
      } else {
        reader.note([...at, 'x-amazon-apigateway-authorizer', 'type'], `authorizer type ${String(type)} is not modelled`);
        continue;
      }
      const ttl = reader.number([...at, 'x-amazon-apigateway-authorizer', 'authorizerResultTtlInSeconds'], undefined, { min: 0 });
      if (ttl) a.cacheTtlS = ttl;
      api.authorizers.push(a);
    } else if (String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase() === 'awssigv4') {
      api.authorizers.push({ name, type: 'iam', from, line });
    } else if (scheme.type === 'apiKey') {
      reader.note(at, 'an API key: the usage plan that meters it, if any, is in the template (API keys are the scenario\'s callers)');
    }
  }
}

function readEndpoint(ctx: OpenApiContext, at: Segment[]): void {
  const { reader, api } = ctx;
  const ids = reader.raw([...at, 'vpcEndpointIds']);
  if (Array.isArray(ids) && ids.length > 0 && api.type.value === 'rest') api.endpoint = { value: 'private', from: `${reader.label(at)}.vpcEndpointIds`, line: reader.line([...at, 'vpcEndpointIds']) };
  if (reader.raw([...at, 'disableExecuteApiEndpoint']) !== undefined) reader.note([...at, 'disableExecuteApiEndpoint'], 'not modelled (which hostname clients call does not change the model)');
}
