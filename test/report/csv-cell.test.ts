/**
 * timeseries.csv read back for `apigw-sim report` (run-folder.ts with
 * csv-cell.ts): every cell must be what a run writes there, so an edited
 * file is refused with its line and column instead of drawn from nonsense.
 */
import { describe, expect, it } from 'vitest';
import { readTimeSeries, RunFolderError } from '../../src/report/run-folder.js';

const COLUMNS = { outcomes: ['2xx', '429 stage'], events: ['lambda.coldStarts'], gauges: ['lambda.concurrency'] };
const HEADER = 'start_s,end_s,offered_per_s,attempts_started,attempts_ended,outcome_2xx,outcome_429_stage,goodput_per_s,gave_up,circuit_open,p50_ms,p90_ms,p99_ms,lambda.coldStarts,lambda.concurrency';
const ROW_1 = '0,1,100,100,100,98,2,98,0,0,40.5,80.1,120.3,3,7';
const ROW_2 = '1,2,100,100,100,100,0,100,0,0,,,,0,';

function refusal(text: string): string {
  try {
    readTimeSeries(text, COLUMNS, 'run/timeseries.csv');
  } catch (error) {
    if (error instanceof RunFolderError) return `${error.message} | ${error.hint}`;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readTimeSeries: cells', () => {
  it('reads what a run writes, empty percentiles and gauges included (an interval with no successful request has none)', () => {
    const series = readTimeSeries(`${HEADER}\n${ROW_1}\n${ROW_2}\n`, COLUMNS, 'run/timeseries.csv');
    const rows = [...series];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ arrivals: 100, attemptsStarted: 100, outcomes: { '2xx': 98, '429 stage': 2 }, p99Ms: 120.3, events: { 'lambda.coldStarts': 3 }, gauges: { 'lambda.concurrency': 7 } });
    expect(rows[1].p50Ms).toBeNaN();
    expect(rows[1].gauges).toEqual({});
  });

  it.each([
    ['1e400 in a rate (Infinity to JavaScript)', ROW_1.replace(/^0,1,100/, '0,1,1e400'), /timeseries\.csv:2: offered_per_s is 1e400, not a finite number \(column 3\)/],
    ['1e400 in a percentile, which may be empty but not infinite', ROW_1.replace('120.3', '1e400'), /:2: p99_ms is 1e400, not a finite number \(column 13\)/],
    ['an empty count', ROW_1.replace(',98,2,', ',,2,'), /:2: outcome_2xx is empty, but a run always writes a number there \(column 6\)/],
    ['an empty rate', ROW_1.replace(/^0,1,100/, '0,1,'), /offered_per_s is empty, .* \(column 3\)/],
    ['an empty event count', ROW_1.replace(/,3,7$/, ',,7'), /lambda\.coldStarts is empty, .* \(column 14\)/],
    ['a count that is not whole', ROW_1.replace(/^0,1,100,100/, '0,1,100,100.5'), /attempts_started is 100\.5, not a whole number: it counts \(column 4\)/],
    ['a word', ROW_1.replace(',98,2,', ',many,2,'), /outcome_2xx is "many", not a number \(column 6\)/],
    ['a negative level', ROW_1.replace('40.5', '-1'), /p50_ms is -1, below 0 \(column 11\)/],
  ])('refuses %s, naming the file, line and column, with a hint', (_, row, message) => {
    const text = refusal(`${HEADER}\n${row}\n${ROW_2}\n`);
    expect(text).toMatch(message);
    expect(text).toMatch(/\| the file was edited; run the scenario again/);
  });

  it('names the line of a bad cell further down', () => {
    expect(refusal(`${HEADER}\n${ROW_1}\n${ROW_2.replace(/^1,2,100/, '1,2,')}\n`)).toMatch(/^run\/timeseries\.csv:3: offered_per_s is empty/);
  });
});
