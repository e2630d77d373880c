import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonVariants } from '../../../src/experiment/lesson.js';
import type { Attempt, LogicalRequest } from '../../../src/model/component.js';
import { AttemptPool, blankRequest, holdAttempt, newAttempt, releaseAttempt } from '../../../src/model/attempt-lifecycle.js';
import { Recorder } from '../../../src/metrics/recorder.js';
import { STAGE_NAMES } from '../../../src/metrics/record-sink.js';
import { STAGE_AUTHORIZER, STAGE_CACHE, STAGE_COLD_START, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD, STAGE_QUEUE } from '../../../src/model/component.js';
import { loadScenarioFile, parseScenario } from '../../../src/scenario/loader.js';
import { buildSimulation, type BuiltSimulation } from '../../../src/scenario/build.js';
import { runScenario } from '../../../src/scenario/run.js';
import type { Scenario } from '../../../src/scenario/schema.js';
import { ROOT } from '../../cli/run-cli.js';

/** Every stage time written, as the parts of the model that wrote them mark it. */
const STAGE_BITS = STAGE_NETWORK | STAGE_OVERHEAD | STAGE_AUTHORIZER | STAGE_CACHE | STAGE_INTEGRATION | STAGE_QUEUE | STAGE_COLD_START;

function request(id: number, counted = true): LogicalRequest {
  // every field the attempt copies differs from request to request, so a copy resetAttempt forgot shows
  return Object.assign(blankRequest(), { id, arrivalMs: id, counted, attempts: 1, caller: id, key: 100 + id, route: id % 4, requestBytes: 10 + id, responseBytes: 20 + id });
}

describe('AttemptPool', () => {
  it('hands out an attempt again only once every hold on it is released', () => {
    const pool = new AttemptPool();
    const first = pool.acquire(request(1), 1, 5);
    holdAttempt(first); // an integration works on it
    releaseAttempt(first); // the client has its outcome
    releaseAttempt(first); // the front door answered
    expect(pool.size).toBe(0); // the integration still has it
    expect(pool.acquire(request(2), 1, 6)).not.toBe(first);
    releaseAttempt(first);
    expect(pool.size).toBe(1);
    const again = pool.acquire(request(3), 2, 7);
    expect(again).toBe(first);
    expect(again.request.id).toBe(3);
  });

  it('gives a reused attempt the fields (and field order) of a new one, and stage times that read as a new one\'s', () => {
    const pool = new AttemptPool();
    const used = pool.acquire(request(1), 1, 5);
    Object.assign(used, { clientDone: true, frontDoorDone: true, clientDeadline: 7, frontDoorDeadline: 9, networkBackMs: 3.5, networkMs: 1.5, overheadMs: 12.25, authorizerMs: 4, cacheMs: 2, integrationMs: 80.5, queueMs: 6, coldStartMs: 250, stagesWritten: STAGE_BITS });
    releaseAttempt(used);
    releaseAttempt(used);
    // a request from the warm-up after a counted one: the attempt's copy of `counted` follows its request
    const reused = pool.acquire(request(2, false), 3, 11);
    const fresh = newAttempt(request(2, false), 3, 11, pool);
    expect(Object.keys(reused)).toEqual(Object.keys(fresh));
    const stageFields = ['networkBackMs', 'networkMs', 'overheadMs', 'authorizerMs', 'cacheMs', 'integrationMs', 'queueMs', 'coldStartMs'];
    const withoutStages = (a: object) => Object.fromEntries(Object.entries(a).filter(([k]) => !stageFields.includes(k)));
    expect(withoutStages(reused)).toEqual(withoutStages(fresh));
    expect(reused.counted).toBe(false);
    expect([reused.caller, reused.key, reused.route, reused.requestBytes, reused.responseBytes]).toEqual([2, 102, 2, 12, 22]);
    // the old times are still in their fields, but what the recorder takes from them is a new attempt's
    expect(reused.coldStartMs).toBe(250);
    // a new attempt's times are -0, doubles from the start (and the mark of a time not written: see below)
    expect(stageFields.every((field) => Object.is(fresh[field as keyof Attempt], -0))).toBe(true);
    const recorded = (a: Attempt) => {
      const recorder = new Recorder({ intervalMs: 1000, warmupMs: 0, stages: [...STAGE_NAMES] });
      recorder.attemptStages(a, true);
      const { stageLatency } = recorder.finish();
      return STAGE_NAMES.map((name) => stageLatency[name]?.maxMs);
    };
    expect(recorded(reused)).toEqual(recorded(fresh));
    expect(recorded(reused)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // with their bits set, the same fields count
    const written = Object.assign(newAttempt(request(3), 1, 0), { networkMs: 2, overheadMs: 12, authorizerMs: 4, cacheMs: 2, integrationMs: 80, queueMs: 6, coldStartMs: 250, stagesWritten: STAGE_BITS });
    expect(recorded(written).map((ms) => Math.round(ms ?? NaN))).toEqual([2, 12, 4, 2, 80, 6, 250]);
  });

  it('stops the run when an attempt is released more often than held', () => {
    const attempt = new AttemptPool().acquire(request(9), 2, 0);
    releaseAttempt(attempt);
    releaseAttempt(attempt);
    expect(() => releaseAttempt(attempt)).toThrow(/attempt 2 of request 9 released more often than held/);
  });

  it('without reuse makes every attempt new', () => {
    const pool = new AttemptPool(false);
    const attempt = pool.acquire(request(1), 1, 0);
    releaseAttempt(attempt);
    releaseAttempt(attempt);
    expect(pool.size).toBe(0);
    expect(pool.acquire(request(2), 1, 0)).not.toBe(attempt);
  });
});

/**
 * Every shipped scenario and lesson variant, and the benchmarks' storm and
 * front door, cut short: 20 s where nothing happens on a schedule (thousands
 * of attempts, late replies and reuse among them); where failure windows
 * or load spikes do, they are moved to open 15 s in (the storms' brownouts
 * open at 60 s, after a minute of steady state the first 15 s already
 * reach) and the run ends 20 s after the last one closes, so the window, the
 * storm it starts (which outlives it) and what follows are all in it.
 */
function shippedScenarios(): Array<[string, Scenario]> {
  const files = [
    ...['scenarios', 'scenarios/lessons', 'scenarios/validation'].flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(ROOT, dir, f)),
    ),
    join(ROOT, 'bench/retry-storm-5k.yaml'),
    join(ROOT, 'bench/front-door-10k.yaml'),
  ];
  return files.flatMap((file) => {
    const loaded = loadScenarioFile(file);
    const variants = loaded.scenario.lesson ? lessonVariants(file, readFileSync(file, 'utf8'), loaded).map((v) => v.scenario) : [loaded.scenario];
    return variants.map((s): [string, Scenario] => [s.name, cutShort(s)]);
  });
}

function cutShort(s: Scenario): Scenario {
  const warmup = Math.min(s.warmup, 10_000);
  const windows = [...s.failures, ...s.load.spikes];
  if (windows.length === 0) return { ...s, duration: Math.min(s.duration, 20_000), warmup };
  const shift = Math.max(0, Math.min(...windows.map((w) => w.at)) - 15_000);
  const end = Math.max(...windows.map((w) => w.at + w.for)) - shift + 20_000;
  return {
    ...s,
    warmup,
    duration: Math.min(s.duration - shift, end),
    failures: s.failures.map((f) => ({ ...f, at: f.at - shift })),
    load: { ...s.load, spikes: s.load.spikes.map((spike) => ({ ...spike, at: spike.at - shift })) },
  };
}

/**
 * Replies that come after the client left, with body sizes and cache keys that
 * differ from request to request: a finished request is handed out again for a
 * new arrival while its late attempts are still downstream, so a front door or
 * cache that read the request instead of the attempt's copies would bill the
 * wrong bytes (ALB) or cache the wrong key (REST).
 */
function lateReplyScenarios(): Array<[string, Scenario]> {
  const yaml = (api: string) =>
    [
      `name: late-replies-${api.includes('alb') ? 'alb' : 'rest-cache'}`,
      'seed: 3',
      'duration: 30s',
      'load:',
      '  rate: 400/s',
      '  keys: { count: 500, zipf: 0.8 }',
      '  payload: { request: { uniform: [1KB, 40KB] }, response: { uniform: [1KB, 900KB] } }',
      'clients:',
      '  count: 50',
      '  timeout: 50ms',
      '  retry: { attempts: 3, on: [5xx, timeout], backoff: { base: 10ms, cap: 100ms, jitter: full } }',
      `api: ${api}`,
      'integration: { type: http, servers: 60, service: { mean: 40ms } }',
      '',
    ].join('\n');
  return ['{ type: alb }', '{ type: rest, cache: { size: 0.5GB, ttl: 5s } }'].map((api) => {
    const scenario = parseScenario(yaml(api), 'late-replies.yaml');
    return [scenario.name, scenario];
  });
}

describe('reusing attempts changes no result', () => {
  it('the late-reply scenarios have late replies, and requests handed out again', () => {
    for (const [name, scenario] of lateReplyScenarios()) {
      expect(runScenario(scenario).usage.client.lateReplies, name).toBeGreaterThan(1000);
      expect(pooledAfter(scenario, 5), name).toBeGreaterThan(0);
    }
  });

  // a part of the model that read an attempt after letting it go would read the
  // next attempt's fields, and one that read a request after its final outcome
  // the next request's: the records would differ from a run that never reuses
  //
  // the run without reuse also checks the stage bits: a stage time whose bit is clear reads as
  // 0, so a part of the model that wrote a time and not its bit would lose it, in a reused
  // attempt and a new one alike (the comparison cannot see that). On new attempts a field still
  // at newAttempt's -0 was not written, and any other was: its bit must be set
  const written = { bits: 0 };
  it.each([...shippedScenarios(), ...lateReplyScenarios()])('%s: the same records and usage with and without reuse, and every stage time written has its bit', (name, scenario) => {
    const reused = runScenario(scenario, { reuseAttempts: true });
    const fresh = runScenario(scenario, { reuseAttempts: false, inspect: (built) => watchStageBits(built, name, written) });
    expect(reused.summary).toEqual(fresh.summary);
    expect(reused.usage).toEqual(fresh.usage);
    expect(reused.records.series).toEqual(fresh.records.series);
    expect(reused.eventsExecuted).toBe(fresh.eventsExecuted);
  });

  it('the scenarios write all seven stage times', (context) => {
    if (written.bits === 0) context.skip(); // the runs above were filtered out
    expect(written.bits).toBe(STAGE_BITS);
  });
});

const STAGE_FIELDS = [
  ['networkMs', STAGE_NETWORK],
  ['overheadMs', STAGE_OVERHEAD],
  ['authorizerMs', STAGE_AUTHORIZER],
  ['cacheMs', STAGE_CACHE],
  ['integrationMs', STAGE_INTEGRATION],
  ['queueMs', STAGE_QUEUE],
  ['coldStartMs', STAGE_COLD_START],
] as const;

/** Fails the run's test on a stage time written without its bit; adds the bits seen to `written`. */
function watchStageBits(built: BuiltSimulation, name: string, written: { bits: number }): void {
  const sink = built.ctx.metrics;
  const record = sink.attemptStages.bind(sink);
  sink.attemptStages = (stages, counted) => {
    for (const [field, bit] of STAGE_FIELDS) if (!Object.is(stages[field], -0) && (stages.stagesWritten & bit) === 0) throw new Error(`${name}: ${field} written without its bit`);
    written.bits |= stages.stagesWritten;
    record(stages, counted);
  };
}

/** Finished requests in the client's pool after `seconds` of the scenario. */
function pooledAfter(scenario: Scenario, seconds: number): number {
  const built = buildSimulation(scenario);
  for (const component of built.components) component.start(built.ctx);
  built.sim.run({ untilMs: seconds * 1000 });
  return built.client.pooledRequests;
}

describe('reusing requests', () => {
  it('hands finished requests out again in the storm and the cached front door', () => {
    for (const file of ['bench/retry-storm-5k.yaml', 'bench/front-door-10k.yaml']) {
      expect(pooledAfter(loadScenarioFile(join(ROOT, file)).scenario, 5), file).toBeGreaterThan(0);
    }
  }, 300_000); // every shipped scenario: minutes on a busy machine

  it('never where a request outlives its attempts: an event bus, a dependency', () => {
    const bus = shippedScenarios()
      .map(([, scenario]) => scenario)
      .filter((s) => s.api.type === 'eventbridge');
    expect(bus.length).toBeGreaterThan(0);
    for (const scenario of bus) expect(pooledAfter(scenario, 5)).toBe(0);
    const dependency = parseScenario('name: dependency\nduration: 5s\nload: { rate: 200/s }\napi: { type: rest }\nintegration:\n  type: lambda\n  duration: 10ms\n  downstream: { servers: 4, service: { mean: 5ms } }\n', 'dependency.yaml');
    expect(pooledAfter(dependency, 5)).toBe(0);
  });
});
