/** An error the user can fix (bad input, bad flag): printed without a stack trace, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A run whose SLO thresholds did not all hold: its lines are already printed; exit code 3. */
export class ThresholdsFailed extends Error {
  override name = 'ThresholdsFailed';
  constructor(readonly failed: number) {
    super(`${failed} threshold${failed === 1 ? '' : 's'} failed`);
  }
}

/** A failure whose messages are already printed (by `validate`, for each of several files): only its exit code is left to give. */
export class AlreadyReported extends Error {
  override name = 'AlreadyReported';
  constructor(readonly exitCode: number) {
    super(`failed with exit code ${exitCode}`);
  }
}

/** Exit codes, as the README documents them. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_THRESHOLDS = 3;
