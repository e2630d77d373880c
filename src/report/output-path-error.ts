/** An output path apigw-sim will not write to (or not now), with what to do instead: exit code 2, no stack. */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
