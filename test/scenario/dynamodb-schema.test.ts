/**
 * A DynamoDB table's fields as a scenario gives them: capacities with their
 * units, and every rule of src/scenario/dynamodb-schema.ts as one problem at
 * the field to change, with its line and a hint.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/scenario-text.js';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/scenario-error.js';
import { parseCapacity } from '../../src/scenario/dynamodb-schema.js';

const HEAD = 'name: t\nduration: 10s\nload: { rate: 10/s }\napi: { type: rest }\n';

function problems(integration: string, api = 'rest'): ScenarioProblem[] {
  try {
    parseScenario(HEAD.replace('type: rest', `type: ${api}`) + integration, 't.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('capacity values', () => {
  it.each([
    ['100RCU', ['RCU'], { value: 100, unit: 'RCU' }],
    ['25 WCU', ['WCU'], { value: 25, unit: 'WCU' }],
    ['500WRU/s', ['RRU/s', 'WRU/s'], { value: 500, unit: 'WRU/s' }],
    ['1.5 RRU / s', ['RRU/s'], { value: 1.5, unit: 'RRU/s' }],
  ] as const)('reads %s', (text, units, expected) => {
    expect(parseCapacity(text, units)).toEqual(expected);
  });

  it.each([
    ['a plain number: the unit to add', 100, ['RCU'], /has no unit/, /100RCU/],
    ['the wrong unit for the field', '100WCU', ['RCU'], /in WCU, not RCU/, /100RCU/],
    ['no number', 'lots', ['RCU'], /is not a capacity/, /100RCU/],
    ['above the table quota', '50000RCU', ['RCU'], /outside 1 to 40,000/, /quota/],
    ['zero', '0WCU', ['WCU'], /outside 1 to 40,000/, /quota/],
  ] as const)('refuses %s', (_, value, units, message, hint) => {
    expect(() => parseCapacity(value, units)).toThrow(message);
    try {
      parseCapacity(value, units);
    } catch (error) {
      expect((error as { hint: string }).hint).toMatch(hint);
    }
  });
});

describe('integration: {type: dynamodb}', () => {
  it('takes a direct read integration with the defaults: eventual 1 KB reads on a new on-demand table', () => {
    const s = parseScenario(`${HEAD}integration: { type: dynamodb }\n`, 't.yaml');
    expect(s.integration).toMatchObject({ type: 'dynamodb', operation: 'read', item: 1024, consistency: 'eventual', table: { mode: 'on-demand' } });
  });

  it.each([
    ['a read capacity without a unit', 'integration:\n  type: dynamodb\n  table: { mode: provisioned, readCapacity: 100 }\n', 'integration.table.readCapacity', 7, /has no unit/, /add the unit: 100RCU/],
    ['an unknown table mode', 'integration:\n  type: dynamodb\n  table: { mode: serverless }\n', 'integration.table.mode', 7, /on-demand|provisioned/, /./],
    ['a provisioned table without the capacity its calls need', 'integration:\n  type: dynamodb\n  operation: write\n  table: { mode: provisioned }\n', 'integration.table.writeCapacity', 8, /is required for writes/, /writeCapacity: 100WCU/],
    ['a capacity on an on-demand table', 'integration:\n  type: dynamodb\n  table: { readCapacity: 10RCU }\n', 'integration.table.readCapacity', 7, /only applies to provisioned mode/, /mode: provisioned/],
    ['a previous peak in read units for writes', 'integration:\n  type: dynamodb\n  operation: write\n  table: { previousPeak: 100RRU/s }\n', 'integration.table.previousPeak', 8, /in RRU\/s, but the calls are writes/, /WRU\/s/],
    ['a strongly consistent write', 'integration:\n  type: dynamodb\n  operation: write\n  consistency: strong\n', 'integration.consistency', 8, /only applies to reads/, /remove it/],
    ['an item over 400 KB', 'integration:\n  type: dynamodb\n  item: 500KB\n', 'integration.item', 7, /above 400KB/, /400 KB/],
    ['a target utilization outside 20 % to 90 %', 'integration:\n  type: dynamodb\n  table: { mode: provisioned, readCapacity: 10RCU, autoScaling: { targetUtilization: 0.95 } }\n', 'integration.table.autoScaling.targetUtilization', 7, /outside 0.2 to 0.9/, /20 % to 90 %/],
  ])('refuses %s, at the field and its line, with a hint', (_, integration, path, line, message, hint) => {
    const found = problems(integration);
    expect(found, JSON.stringify(found)).toHaveLength(1);
    expect(found[0].path).toBe(path);
    expect(found[0].line).toBe(line);
    expect(found[0].message).toMatch(message);
    expect(found[0].hint).toMatch(hint);
  });

  it('is refused on an HTTP API, which has no DynamoDB integration, naming the types that take one', () => {
    const found = problems('integration: { type: dynamodb }\n', 'http');
    expect(found.map((p) => p.path)).toEqual(['integration.type']);
    expect(found[0].message).toMatch(/HTTP APIs do not call a DynamoDB table directly/);
  });

  it("a function's table takes the SDK's attempts, and not beside a downstream service", () => {
    const lambda = 'integration:\n  type: lambda\n  duration: 10ms\n  dynamodb: { operation: write }\n';
    expect(parseScenario(HEAD + lambda, 't.yaml').integration).toMatchObject({ dynamodb: { attempts: 3 } });
    const both = problems(`${lambda}  downstream: { servers: 2, service: 5ms }\n`);
    expect(both.map((p) => p.path)).toEqual(['integration.dynamodb']);
  });
});
