/**
 * Bad input about request handling: each is one problem at the field to
 * change, with its line and a hint naming what AWS offers; and the note a
 * max-age above the browser's cap gets (AWS accepts it, so it is no error).
 */
import { describe, expect, it } from 'vitest';
import { adaptToFrontDoor } from '../../src/scenario/adapt-front-door.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { gatewayRequestNotes } from '../../src/scenario/gateway-request-schema.js';
import { problemsOf } from './problems-of.js';

const base = (type: string, api: string) => `name: t
duration: 1m
load: { rate: 10/s }
api:
  type: ${type}
${api}
integration: { type: lambda, duration: { constant: 5ms } }
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('request handling in the scenario file', () => {
  it.each([
    ['request validation on an HTTP API', 'http', '  validation: { invalidRatio: 0.1 }', 'api.validation', 'HTTP APIs do not have request validation', 'only REST API and WebSocket API offer it; remove it or change api.type'],
    ['a resource policy on an HTTP API', 'http', '  resourcePolicy: { deniedRatio: 0.1 }', 'api.resourcePolicy', 'HTTP APIs do not have resource policies', 'only REST API offers it; remove it or change api.type'],
    ['mapping templates on an HTTP API', 'http', '  mappingTemplates: { on: [request] }', 'api.mappingTemplates', 'HTTP APIs do not have mapping templates', 'only REST API and WebSocket API offer it; remove it or change api.type'],
    ['CORS on an ALB', 'alb', '  cors: { browsers: 0.5 }', 'api.cors', 'Application Load Balancers do not have CORS preflights answered by the front door', 'only REST API and HTTP API offer it; remove it or change api.type'],
    ['an HTTP API max-age over 86400 s', 'http', '  cors: { browsers: 0.5, maxAge: 2d }', 'api.cors.maxAge', '172800s is above what an HTTP API accepts (86400s)', "an HTTP API's CORS maxAge is 86400 seconds at most (and browsers keep a preflight 2 h at most in Chromium, 24 h in Firefox): give 7200s or less"],
    ['a side named twice', 'rest', '  mappingTemplates: { on: [request, request] }', 'api.mappingTemplates.on', 'names a side twice', 'write [request], [response] or [request, response]'],
  ])('%s: one problem at its field and line', (_, type, api, path, message, hint) => {
    const text = base(type, api);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, message, hint, line: lineOf(text, api.trim().split(':')[0]) });
  });

  it.each([
    ['an invalid share over 100 %', '  validation: { invalidRatio: 1.5 }', 'api.validation.invalidRatio', /at most 1\b/],
    ['a denied share over 100 %', '  resourcePolicy: { deniedRatio: 2 }', 'api.resourcePolicy.deniedRatio', /at most 1\b/],
    ['a browser share over 100 %', '  cors: { browsers: 1.2 }', 'api.cors.browsers', /at most 1\b/],
    ['a browser share of 0 (CORS with no browser is nothing to model)', '  cors: { browsers: 0 }', 'api.cors.browsers', /above 0/],
  ])('%s is refused at its field with the range it takes', (_, api, path, range) => {
    const problems = problemsOf(base('rest', api));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(range);
  });

  it('CORS behind CloudFront is refused: CloudFront could answer the preflights itself', () => {
    const problems = problemsOf(base('http', '  cors: { browsers: 0.5 }\n  cloudfront: {}'));
    expect(problems.map((p) => p.path)).toEqual(['api.cors']);
  });

  it("a REST API's max-age above Chromium's 2 h cap is accepted, with a note: browsers keep it 2 h", () => {
    const scenario = parseScenario(base('rest', '  cors: { browsers: 0.5, maxAge: 3h }'), 'f.yaml');
    expect(gatewayRequestNotes(scenario)).toEqual(["api.cors.maxAge: 10800s is above Chromium's cap of 7200s: its browsers keep a preflight 7200s (the model does too)"]);
    const firefox = parseScenario(base('rest', '  cors: { browsers: 0.5, maxAge: 3h, browser: firefox }'), 'f.yaml');
    expect(gatewayRequestNotes(firefox)).toEqual([]);
  });

  it('compare moves a REST scenario to an HTTP API: drops what HTTP APIs lack, says so, and keeps CORS', () => {
    const rest = parseScenario(base('rest', '  validation: { invalidRatio: 0.1 }\n  resourcePolicy: { deniedRatio: 0.1 }\n  mappingTemplates: { on: [request] }\n  cors: { browsers: 0.5 }'), 'f.yaml');
    const adapted = adaptToFrontDoor(rest, 'http');
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.scenario.api.validation).toBeUndefined();
    expect(adapted.scenario.api.resourcePolicy).toBeUndefined();
    expect(adapted.scenario.api.mappingTemplates).toBeUndefined();
    expect(adapted.scenario.api.cors).toEqual(rest.api.cors);
    expect(adapted.notes).toEqual(expect.arrayContaining(['HTTP API has no request validation: removed', 'HTTP API has no resource policy: removed', 'HTTP API has no mapping templates: removed']));
  });
});
