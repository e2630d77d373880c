/**
 * Kernel lanes (engine/event-queue.ts: Lane) are a faster way to run the
 * same events in the same order: every shipped scenario gives the same
 * records with lanes and with every lane event scheduled as an ordinary one.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { runScenario } from '../../src/scenario/run.js';
import { shippedScenarios } from '../scenario/shipped-scenarios.js';

describe('kernel lanes change no result', () => {
  it.each(shippedScenarios())('%s: the same records, usage and events with and without lanes', (_name, scenario) => {
    const laned = runScenario(scenario, { lanes: true });
    const plain = runScenario(scenario, { lanes: false });
    expect(laned.summary).toEqual(plain.summary);
    expect(laned.usage).toEqual(plain.usage);
    expect(laned.records.series).toEqual(plain.records.series);
    expect(laned.eventsExecuted).toBe(plain.eventsExecuted);
  });

  it('carries most of the retry storm: its time-outs and its retries without jitter', () => {
    const storm = shippedScenarios().find(([name]) => name === 'bench-retry-storm');
    if (!storm) throw new Error('no bench-retry-storm scenario');
    const built = buildSimulation({ ...storm[1], duration: 120_000 });
    for (const component of built.components) component.start(built.ctx);
    built.sim.run({ untilMs: 120_000 });
    // quiet until the brownout at 60 s starts the storm, then a time-out and a retry for most attempts: over a quarter of the events (31 %)
    expect(built.sim.laneEventsExecuted / built.sim.eventsExecuted).toBeGreaterThan(0.25);
    const off = buildSimulation({ ...storm[1], duration: 120_000 }, { lanes: false });
    for (const component of off.components) component.start(off.ctx);
    off.sim.run({ untilMs: 120_000 });
    expect(off.sim.laneEventsExecuted).toBe(0);
    expect(off.sim.eventsExecuted).toBe(built.sim.eventsExecuted);
  });

  it('a lane refuses a time before now, as scheduleAt does', () => {
    const sim = new Simulator();
    const lane = sim.lane<null>(() => {});
    sim.schedule(5, () => {}, null);
    sim.run();
    expect(() => lane.scheduleAt(4, null)).toThrow(/cannot schedule at 4 ms: now is 5 ms/);
    expect(() => lane.schedule(-1, null)).toThrow(RangeError);
  });
});
