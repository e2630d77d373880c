/**
 * A stage's settings as SAM (`AWS::Serverless::Api`, `HttpApi`) and
 * CloudFormation (`AWS::ApiGateway::Stage`, a Deployment's
 * `StageDescription`, `AWS::ApiGatewayV2::Stage`) give them alike: REST
 * method settings (throttling and caching, for the whole stage with
 * `/*` + `*` or for one method), the REST cache cluster, HTTP and WebSocket
 * route settings, and access logs.
 *
 * REST method settings:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html
 * HTTP API route settings:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-stage-routesettings.html
 */
import type { ApiModel, BucketModel, Valued } from './front-door-model.js';
import { isObject, type PropertyReader } from './property-reader.js';
import type { Segment } from './template-source.js';

/** API Gateway's cache size when caching is on and no size is given (CacheClusterSize's default, "0.5"). */
export const DEFAULT_CACHE_SIZE_GB = 0.5; // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html

/** `/~1items/GET` style paths back to `GET /items`: a method setting's route name. */
export function methodRouteName(resourcePath: string, httpMethod: string): string {
  // `/~1items~1{id}`: a slash, then the path with each / written ~1 (JSON Pointer escaping)
  const encoded = resourcePath.startsWith('/~1') ? resourcePath.slice(1) : resourcePath;
  return `${httpMethod.toUpperCase()} ${encoded.replace(/~1/g, '/').replace(/~0/g, '~')}`;
}

/** REST `MethodSettings`: the `/*` `*` entry is the stage's bucket (and cache TTL); any other one a route's. */
export function readMethodSettings(reader: PropertyReader, api: ApiModel, listPath: Segment[]): Valued<number> | undefined {
  const list = reader.raw(listPath);
  if (!Array.isArray(list)) return undefined;
  let ttl: Valued<number> | undefined;
  list.forEach((_, i) => {
    const at = [...listPath, i];
    const resourcePath = reader.string([...at, 'ResourcePath'])?.value ?? '/*';
    const method = reader.string([...at, 'HttpMethod'])?.value ?? '*';
    const b = bucketAt(reader, at, 'ThrottlingRateLimit', 'ThrottlingBurstLimit');
    const whole = resourcePath === '/*' && method === '*';
    if (b && whole) api.stageThrottle = b;
    else if (b) api.routeThrottles.push({ route: methodRouteName(resourcePath, method), ...b });
    const caching = reader.bool([...at, 'CachingEnabled']);
    const seconds = reader.number([...at, 'CacheTtlInSeconds'], undefined, { min: 0 });
    if (seconds && (caching?.value ?? true) && (whole || ttl === undefined)) {
      ttl = seconds;
      if (!whole) reader.note([...at, 'CacheTtlInSeconds'], `caches ${methodRouteName(resourcePath, method)} only; the scenario's cache (with this TTL) serves every route`);
    }
    for (const key of ['LoggingLevel', 'DataTraceEnabled', 'MetricsEnabled', 'CacheDataEncrypted']) {
      if (reader.raw([...at, key]) !== undefined) reader.note([...at, key], 'not modelled');
    }
  });
  return ttl;
}

/** A token bucket from a rate and a burst property (either may be missing); a negative rate or burst means "not throttled" and is noted. */
export function bucketAt(reader: PropertyReader, at: Segment[], rateKey: string, burstKey: string): BucketModel | undefined {
  const rate = reader.number([...at, rateKey]);
  const burst = reader.number([...at, burstKey], undefined, { whole: true });
  const b: BucketModel = {};
  if (rate && rate.value > 0) b.rate = rate;
  else if (rate) reader.note([...at, rateKey], `${rate.value}: no limit set (left out)`);
  if (burst && burst.value > 0) b.burst = burst;
  else if (burst) reader.note([...at, burstKey], `${burst.value}: no burst set (left out)`);
  return b.rate || b.burst ? b : undefined;
}

/** The REST cache cluster: on with `CacheClusterEnabled`, its size in GB from `CacheClusterSize`. */
export function readCacheCluster(reader: PropertyReader, api: ApiModel, enabledAt: Segment[] | undefined, sizeAt: Segment[] | undefined, ttl: Valued<number> | undefined): void {
  const enabled = enabledAt ? reader.bool(enabledAt) : undefined;
  const size = sizeAt ? reader.number(sizeAt) : undefined;
  if (!enabled?.value) {
    if (size && sizeAt) reader.note(sizeAt, 'given, but CacheClusterEnabled is not true: no cache');
    if (ttl) reader.notes.push({ text: `${ttl.from}: a cache TTL, but no cache cluster is enabled`, line: ttl.line });
    return;
  }
  api.cache = { sizeGb: size ?? { value: DEFAULT_CACHE_SIZE_GB, from: `${enabled.from} (CacheClusterSize not given: 0.5 GB, API Gateway's default)`, line: enabled.line }, ttlS: ttl };
}

/** HTTP and WebSocket APIs: `DefaultRouteSettings` (the stage) and `RouteSettings` (per route key). */
export function readRouteSettings(reader: PropertyReader, api: ApiModel, defaultAt: Segment[] | undefined, routesAt: Segment[] | undefined): void {
  if (defaultAt) {
    const b = bucketAt(reader, defaultAt, 'ThrottlingRateLimit', 'ThrottlingBurstLimit');
    if (b) api.stageThrottle = b;
  }
  const routes = routesAt ? reader.raw(routesAt) : undefined;
  if (routesAt && isObject(routes)) {
    for (const key of Object.keys(routes)) {
      const b = bucketAt(reader, [...routesAt, key], 'ThrottlingRateLimit', 'ThrottlingBurstLimit');
      if (b) api.routeThrottles.push({ route: key, ...b });
    }
  }
}

/** Access logs to CloudWatch Logs (`AccessLogSetting`, `AccessLogSettings`): priced with a line size to fill in. */
export function readAccessLogs(reader: PropertyReader, api: ApiModel, at: Segment[] | undefined): void {
  if (!at || reader.raw(at) === undefined) return;
  api.accessLogs = { value: true, from: reader.label(at), line: reader.line(at) };
}
