/**
 * `apigw-sim import` as a user runs it: golden tests on real public
 * templates (test/import/fixtures/README.md gives each one's source and
 * licence), where the written scenario must validate and run as written and
 * every property mapped from the template is asserted; and bad input, which
 * gets one error naming the file and the line, exit code 2, no stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../cli/run-cli.js';

const PUBLIC = 'test/import/fixtures/public';
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-import-'));
});

/** What each public template maps to: the scenario's values that come from the template (placeholders aside). */
const GOLDEN: Array<[string, Record<string, unknown>]> = [
  ['apigw-usage-plans.yaml', { api: { type: 'rest', endpoint: 'edge', throttle: { usagePlan: { rate: '15/s', burst: 30, quota: '50/day' } } }, integration: { type: 'lambda', memory: '256MB', timeout: '45s', architecture: 'x86_64' }, routes: ['GET /plantest/', 'POST /plantest/'] }],
  ['apigw-lambda-authorizer.yaml', { api: { type: 'rest', endpoint: 'edge', authorizer: { type: 'lambda', function: { memory: '128MB', timeout: '3s' } } }, integration: { type: 'lambda', memory: '128MB', timeout: '3s' }, routes: ['GET /'] }],
  ['apigw-http-api-lambda.yaml', { api: { type: 'http' }, integration: { type: 'lambda', memory: '128MB', timeout: '15s' }, routes: ['$default'] }],
  ['alb-lambda-rest-api-sam-py.yaml', { api: { type: 'alb' }, integration: { type: 'lambda', memory: '128MB', timeout: '3s', architecture: 'x86_64' }, cost: { alb: { rules: 2 } }, routes: ['ANY /hello'] }],
  ['apigw-method-cache.yaml', { api: { type: 'rest', endpoint: 'edge', cache: { size: '0.5GB', ttl: '10s' } }, integration: { type: 'lambda', memory: '128MB', timeout: '3s' }, routes: ['GET /'] }],
  ['openapi-customers.yaml', { api: { type: 'rest' }, integration: { type: 'lambda', memory: '128MB', timeout: '3s' }, routes: ['POST /customers', 'GET /customers/{id}', 'PUT /customers/{id}', 'DELETE /customers/{id}'] }],
  ['cloudfront-failover-http-api.yaml', { api: { type: 'http' }, integration: { type: 'lambda', memory: '1024MB', timeout: '29s', architecture: 'arm64' }, cost: { accessLogs: { bytesPerRequest: '1KB' } }, routes: ['GET /api', 'GET /api/{proxy+}'] }],
];

describe('apigw-sim import: public templates', () => {
  it.each(GOLDEN)('%s: maps every property, and the scenario validates and runs as written', (file, expected) => {
    const out = join(work, file.replace(/\.ya?ml$/, '.scenario.yaml'));
    const r = runCli(['import', `${PUBLIC}/${file}`, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}`);
    const data = parse(readFileSync(out, 'utf8')) as Record<string, any>;
    const { routes, ...rest } = expected;
    expect(data).toMatchObject(rest);
    expect(data.load.routes.map((x: { name: string }) => x.name)).toEqual(routes);
    const run = runCli(['run', out, '--out', join(work, `${file}-run`), '--quiet', '--json']);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as { requests?: number };
    expect(summary).toBeTypeOf('object');
  });

  it('prints to stdout without --out, the same bytes every time', () => {
    const a = runCli(['import', `${PUBLIC}/apigw-usage-plans.yaml`]);
    const b = runCli(['import', `${PUBLIC}/apigw-usage-plans.yaml`]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('memory: 256MB # from template: Globals.Function.MemorySize, line 7');
  });

  it('refuses to replace an --out file without --force', () => {
    const out = join(work, 'exists.yaml');
    writeFileSync(out, 'mine\n');
    const r = runCli(['import', `${PUBLIC}/apigw-usage-plans.yaml`, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect(runCli(['import', `${PUBLIC}/apigw-usage-plans.yaml`, '--out', out, '--force']).status).toBe(0);
  });
});

describe('apigw-sim import: bad input gets one error with the file and the line', () => {
  const bad = (name: string, text: string) => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };
  it.each([
    ['not a template', 'bad-kind.yaml', 'name: x\nduration: 1m\n', /bad-kind\.yaml:1: is not a template: no Resources/],
    ['a list', 'bad-list.yaml', '- a\n- b\n', /bad-list\.yaml:1: is not a template: expected a mapping/],
    ['OpenAPI 2', 'swagger.yaml', 'info: {title: x}\nswagger: "2.0"\npaths: {}\n', /swagger\.yaml:2: swagger: is an OpenAPI 2 \(Swagger 2\.0\) definition/],
    ['a YAML syntax error', 'syntax.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: [\n', /syntax\.yaml:4: /],
    ['a tag that is no CloudFormation function', 'tag.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: !Env MEM\n', /tag\.yaml:5: Resources\.Fn\.Properties\.MemorySize: the YAML tag !Env is not a CloudFormation function/],
    ['a MemorySize that is not a number', 'memory.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: big\n', /memory\.yaml:5: Resources\.Fn\.Properties\.MemorySize: "big" is not a whole number/],
    ['a value the scenario refuses, blamed on the template', 'cache.yaml', 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n      CacheClusterEnabled: true\n      CacheClusterSize: "2"\n', /cache\.yaml:9: Stage\.Properties\.CacheClusterSize: 2 GB is not an API Gateway cache size \(as the scenario's api\.cache\.size\)/],
    ['a key given twice', 'twice.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Fn:\n    Type: AWS::Lambda::Function\n', /twice\.yaml:4: Resources\.Fn: is given twice/],
  ])('%s', (_, name, text, message) => {
    const r = runCli(['import', bad(name, text)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('hint: ');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('several front doors without --api: the error lists them', () => {
    const r = runCli(['import', 'test/import/fixtures/cdk-http-api.template.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the template has 2 front doors: AdminApi1234ABCD (rest), HttpApiF5A9A8A7 (http)');
    expect(r.stderr).toContain('hint: pick one with --api');
  });

  it('a missing file', () => {
    const r = runCli(['import', join(work, 'none.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/none\.yaml: no such file/);
  });
});
