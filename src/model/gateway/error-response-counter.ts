/**
 * Counts the front door's error answers on their way back to the client:
 * every status of 400 or more (throttles, refusals, time-outs, integration
 * errors), whether or not the client still waits for it. These are the
 * requests API Gateway's execution logging writes a log for at ERROR level
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html).
 * AWS adds that it "might not generate logs" for 413s and "excessive" 429s
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-monitor.html):
 * the count is an upper bound.
 *
 * Wired between the front door and the client only when a scenario asks
 * for execution logs at the `errors` level, so other runs do not pay for
 * it and their usage is unchanged. Counts the attempts of the measurement
 * window's requests, as the front door's own counters do.
 */
import type { Attempt, Component, ComponentContext, ReplyCause, ReplyTarget } from '../component.js';

/** Error answers of the window's requests on their way to the client (what ERROR-level execution logs write). */
export type ErrorResponsesUsage = { readonly errorResponses: number };

export class ErrorResponseCounter implements Component<ErrorResponsesUsage>, ReplyTarget {
  readonly kind = 'gateway' as const;
  private errorResponses = 0;

  constructor(
    readonly id: string,
    private readonly client: ReplyTarget,
  ) {}

  start(_ctx: ComponentContext): void {}

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (status >= 400 && attempt.counted) this.errorResponses++;
    this.client.onReply(attempt, status, cause);
  }

  usage(): ErrorResponsesUsage {
    return { errorResponses: this.errorResponses };
  }
}
