/** A mistake on the command line (exit code 2); the message says what was expected. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
