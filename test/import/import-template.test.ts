/**
 * `import` on hand-written fixtures, one per input format, each mapping
 * every property it reads: the value the scenario gets and the template line
 * its comment names. The emitted scenario is parsed back with the scenario
 * loader, so every case also checks that the output validates.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importTemplateFile, type ImportOptions } from '../../src/import/import-template.js';
import { parseScenarioText } from '../../src/scenario/loader.js';

const FIXTURES = 'test/import/fixtures';

function imported(file: string, options: ImportOptions = {}) {
  const { text } = importTemplateFile(`${FIXTURES}/${file}`, options);
  parseScenarioText(text, file); // throws if the output does not validate
  const data = parse(text) as Record<string, any>;
  /** The comment on the last line that holds `key: ` (the integration's, for a key the authorizer's function has too). */
  const comment = (key: string) => [...text.split('\n')].reverse().find((l) => l.trimStart().startsWith(`${key}:`))?.split(' # ')[1];
  return { text, data, comment };
}

describe('import: SAM (sam-all.yaml: every mapped property, every intrinsic)', () => {
  const { data, comment, text } = imported('sam-all.yaml');
  it.each([
    ['Serverless::Api is a REST API', data.api.type, 'rest'],
    ['EndpointConfiguration.Type through Fn::Select of a CommaDelimitedList parameter', data.api.endpoint, 'regional'],
    ['CacheClusterSize through Fn::FindInMap with Ref Stage (dev)', data.api.cache.size, '1.6GB'],
    ['the stage-wide method setting sets the cache TTL', data.api.cache.ttl, '60s'],
    ['stage throttle rate from MethodSettings /* *', data.api.throttle.stage.rate, '100/s'],
    ['stage throttle burst from MethodSettings /* *', data.api.throttle.stage.burst, 200],
    ['usage plan rate from Auth.UsagePlan', data.api.throttle.usagePlan.rate, '5/s'],
    ['usage plan burst', data.api.throttle.usagePlan.burst, 10],
    ['usage plan quota with its period', data.api.throttle.usagePlan.quota, '1000/week'],
    ['DefaultAuthorizer with FunctionArn is a Lambda authorizer', data.api.authorizer.type, 'lambda'],
    ['Identity.ReauthorizeEvery is its cache TTL', data.api.authorizer.cacheTtl, '120s'],
    ["the authorizer function's MemorySize", data.api.authorizer.function.memory, '256MB'],
    ["the authorizer function's Timeout through Fn::Sub with a variable from Fn::If", data.api.authorizer.function.timeout, '5s'],
    ['an event TimeoutInMillis through Fn::Sub [text, vars]', data.api.integrationTimeout, '5000ms'],
    ['MemorySize through Ref of a Number parameter', data.integration.memory, '1024MB'],
    ['Architectures from Globals.Function', data.integration.architecture, 'arm64'],
    ['Timeout through Fn::If on an Fn::Equals condition', data.integration.timeout, '10s'],
    ['ReservedConcurrentExecutions through Fn::Join', data.integration.concurrency.reserved, 50],
    ['ProvisionedConcurrencyConfig through Fn::Select of Fn::Split', data.integration.concurrency.provisioned, 5],
    ['both Api events are routes', data.load.routes.map((r: { name: string }) => r.name), ['GET /items', 'POST /items']],
    ['a per-method setting is a route throttle', data.api.throttle.routes['GET /items'], { rate: '10/s', burst: 20 }],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('says where each value came from, with the line', () => {
    expect(comment('memory')).toBe('from template: ItemsFunction.Properties.MemorySize (Ref resolved), line 71');
    expect(comment('architecture')).toBe('from template: Globals.Function.Architectures[0], line 25');
    expect(comment('size')).toBe('from template: ItemsApi.Properties.CacheClusterSize (Fn::FindInMap resolved), line 37');
  });

  it('marks the load and the run times as placeholders, and names what it could not map', () => {
    expect(text).toMatch(/\n {2}rate: 50\/s # PLACEHOLDER: your peak request rate/);
    expect(comment('duration')).toMatch(/^PLACEHOLDER: /);
    expect(comment('bytesPerRequest')).toMatch(/^PLACEHOLDER: .*AccessLogSetting/);
    expect(text).toContain('# Read but not mapped:');
    expect(text).toContain('AWS::SQS::Queue: ItemsQueue: not modelled');
    expect(text).toContain('ItemsFunction.Properties.Events.Queue: a SQS event source is not modelled');
    expect(text).toContain('AuthFunction.Properties.ReservedConcurrentExecutions: not resolved (Fn::ImportValue is known only once the stack is deployed)');
    expect(text).toContain('ProdOnlyFunction: not created (condition IsProd is false with these parameters)');
    expect(text).toContain('Globals.Api.TracingEnabled: X-Ray tracing is not modelled');
  });

  it('takes a parameter from --parameter instead of its Default', () => {
    const prod = imported('sam-all.yaml', { parameters: { Stage: 'prod' } }).data;
    expect(prod.integration.timeout).toBe('20s');
    expect(prod.api.cache.size).toBe('6.1GB');
  });

  it('refuses a --parameter the template does not have', () => {
    expect(() => importTemplateFile(`${FIXTURES}/sam-all.yaml`, { parameters: { Stag: 'prod' } })).toThrow('--parameter Stag: the template has no parameter of that name');
  });
});

describe('import: CloudFormation as the CDK synthesises it', () => {
  it('needs --api when the template has several front doors, and lists them', () => {
    expect(() => importTemplateFile(`${FIXTURES}/cdk-http-api.template.json`)).toThrow('the template has 2 front doors: AdminApi1234ABCD (rest), HttpApiF5A9A8A7 (http)');
  });

  const { data, text } = imported('cdk-http-api.template.json', { api: 'HttpApiF5A9A8A7' });
  it.each([
    ['ApiGatewayV2::Api ProtocolType HTTP', data.api.type, 'http'],
    ['the JWT authorizer of the routes', data.api.authorizer, { type: 'jwt' }],
    ['Integration TimeoutInMillis', data.api.integrationTimeout, '10000ms'],
    ['Stage DefaultRouteSettings', data.api.throttle.stage, { rate: '500/s', burst: 1000 }],
    ['Stage RouteSettings per route key', data.api.throttle.routes['GET /orders'], { rate: '50/s', burst: 100 }],
    ['Routes whose Target is an Fn::Join of the integration', data.load.routes.map((r: { name: string }) => r.name), ['GET /orders', 'POST /orders']],
    ['Lambda::Function MemorySize (the integration URI is the alias ARN)', data.integration.memory, '512MB'],
    ['Lambda::Function Timeout', data.integration.timeout, '10s'],
    ['Lambda::Function Architectures', data.integration.architecture, 'arm64'],
    ['Lambda::Function ReservedConcurrentExecutions', data.integration.concurrency.reserved, 20],
    ['Lambda::Alias ProvisionedConcurrencyConfig', data.integration.concurrency.provisioned, 3],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('names the other API and every resource it does not model', () => {
    expect(text).toContain('Also in the template, not imported (pick one with --api): AdminApi1234ABCD (rest)');
    expect(text).toContain('AWS::Lambda::EventSourceMapping: OrdersFnSqsEventSource9C0D1E2F: not modelled');
    expect(text).toContain('AWS::CDK::Metadata: CDKMetadata: not modelled');
    expect(text).toContain('AWS::IAM::Role: OrdersFnServiceRoleD3C5A6E1: not modelled');
  });

  it('imports the other API with --api', () => {
    const admin = imported('cdk-http-api.template.json', { api: 'AdminApi1234ABCD' }).data;
    expect(admin.api).toMatchObject({ type: 'rest', endpoint: 'regional' });
  });
});

describe('import: CloudFormation REST (AWS::ApiGateway::*)', () => {
  const { data, text } = imported('cfn-rest.yaml');
  it.each([
    ['EndpointConfiguration.Types PRIVATE', data.api.endpoint, 'private'],
    ['Resource chain paths', data.load.routes.map((r: { name: string }) => r.name), ['GET /orders/{id}', 'GET /orders']],
    ['a COGNITO_USER_POOLS authorizer', data.api.authorizer, { type: 'cognito' }],
    ['StageDescription throttling', data.api.throttle.stage, { rate: '300/s', burst: 600 }],
    ['a per-method StageDescription setting on a route', data.api.throttle.routes['GET /orders/{id}'], { rate: '40/s', burst: 80 }],
    ['StageDescription cache', data.api.cache, { size: '0.5GB', ttl: '30s' }],
    ['a usage plan rate with the account burst filled in and a month quota', data.api.throttle.usagePlan, { rate: '20/s', burst: 5000, quota: '100000/month' }],
    ['HTTP_PROXY through VPC_LINK', data.integration.vpcLink, { target: 'nlb' }],
    ['Integration TimeoutInMillis', data.api.integrationTimeout, '8000ms'],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('an HTTP service stands in with placeholder servers; the MOCK OPTIONS method is listed', () => {
    expect(data.integration).toMatchObject({ type: 'http', servers: 10 });
    expect(text).toContain('Routes to a MOCK integration are not imported');
    expect(text).toMatch(/burst: 5000 # AWS default: the template gives a rate only/);
  });
});

describe('import: load balancers, function URLs, WebSocket APIs', () => {
  it('an ALB: idle timeout, OIDC action, listener rules as routes and as LCU rules; the NLB is named', () => {
    const { data, text } = imported('alb-oidc.yaml');
    expect(data.api).toMatchObject({ type: 'alb', integrationTimeout: '30000ms', authorizer: { type: 'oidc', cacheTtl: '3600s' } });
    expect(data.load.routes.map((r: { name: string }) => r.name)).toEqual(['ANY /api/*', 'ANY /admin/*']);
    expect(data.cost.alb.rules).toBe(3);
    expect(data.integration.type).toBe('http');
    expect(text).toContain('a network load balancer is not modelled');
  });

  it('a function URL with AuthType AWS_IAM, and SAM FunctionUrlConfig named <function>Url', () => {
    expect(() => importTemplateFile(`${FIXTURES}/function-url.yaml`)).toThrow('FnUrl (function-url), SamFnUrl (function-url)');
    expect(imported('function-url.yaml', { api: 'FnUrl' }).data).toMatchObject({ api: { type: 'function-url', authorizer: { type: 'iam' } }, integration: { memory: '2048MB', timeout: '60s' } });
    const sam = imported('function-url.yaml', { api: 'SamFnUrl' }).data;
    expect(sam.api.authorizer).toBeUndefined();
    expect(sam.integration.memory).toBe('1536MB');
  });

  it('a WebSocket API: connection placeholders, the $connect Lambda authorizer, the stage throttle', () => {
    const { data } = imported('websocket.yaml');
    expect(data.api).toMatchObject({ type: 'websocket', throttle: { stage: { rate: '200/s', burst: 400 } }, authorizer: { type: 'lambda', function: { memory: '128MB', timeout: '3s' } } });
    expect(data.load.connection).toBeDefined();
    expect(data.integration.memory).toBe('256MB');
  });
});

describe('import: OpenAPI 3', () => {
  it('a REST definition: token authorizer TTL, any-method, timeout, private endpoint; the other extensions listed', () => {
    const { data, text } = imported('openapi-rest.yaml');
    expect(data.api).toMatchObject({ type: 'rest', endpoint: 'private', integrationTimeout: '12000ms', authorizer: { type: 'lambda', cacheTtl: '45s' } });
    expect(data.load.routes.map((r: { name: string }) => r.name)).toEqual(['GET /pets', 'ANY /pets/{id}']);
    for (const ext of ['request-validators', 'api-key-source', 'binary-media-types', 'gateway-responses']) expect(text).toContain(`x-amazon-apigateway-${ext}: not modelled`);
    expect(text).toContain('Routes to a service behind a VPC link (nlb) are not imported');
    expect(text).toContain('the function PetsFn is not in this file');
  });

  it('an HTTP API definition (told by x-amazon-apigateway-cors): JWT authorizer, CORS listed', () => {
    const { data, text } = imported('openapi-http.json');
    expect(data.api).toMatchObject({ type: 'http', integrationTimeout: '20000ms', authorizer: { type: 'jwt' } });
    expect(text).toContain('x-amazon-apigateway-cors: not modelled');
  });
});
