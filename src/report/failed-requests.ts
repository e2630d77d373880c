/**
 * What "failed" means in every report: a request that did not succeed, in
 * one of four ways, listed beneath it in this order. The terminal, the HTML
 * report and the thresholds' `errorRate` all count the same requests.
 */
import type { RunSummary } from '../metrics/summary.js';

type RequestCounts = RunSummary['requests'];

/** The ways a request fails, each with the words the reports list it by. */
export const FAILURE_PARTS: ReadonlyArray<readonly [key: 'error' | 'timeout' | 'gaveUp' | 'circuitOpen', label: string]> = [
  ['error', 'error answer, not retried'],
  ['timeout', 'client time-out, not retried'],
  ['gaveUp', 'gave up after retries'],
  ['circuitOpen', 'refused by circuit breaker'],
];

/** Requests that did not succeed: the sum of their parts (a run.json from before `requests.failed` has the parts only). */
export function failedRequests(r: RequestCounts): number {
  return r.error + r.timeout + r.gaveUp + r.circuitOpen;
}
