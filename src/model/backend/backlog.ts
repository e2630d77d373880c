/**
 * Work already waiting at an HTTP service when the run starts (a scenario's
 * initialState): requests sent before t=0 by callers outside the model.
 * They hold servers and queue places like any request and take service
 * times from the same stream, but nobody waits for their replies: they end
 * in no request outcome and no latency figure, and the service counts them
 * apart from its own requests.
 */
import type { Attempt, ReplyTarget } from '../component.js';
import { blankRequest, newAttempt } from '../attempt-lifecycle.js';

/** Where backlog replies go: nowhere (a service tells its backlog from requests by this target). */
export const BACKLOG_REPLY: ReplyTarget = { onReply() {} };

/** The index-th piece of backlog work, joining at `nowMs`. */
export function backlogAttempt(index: number, nowMs: number): Attempt {
  // negative ids: the clients number requests from 0, so a trace never mixes the two up;
  // not counted, so its wait stays out of the queue figures
  const request = blankRequest();
  request.id = -1 - index;
  request.arrivalMs = nowMs;
  request.attempts = 1;
  return newAttempt(request, 1, nowMs); // counted nowhere: its request is not (counted: false)
}
