/** Exit codes: the only place results become process status. */
export const ExitCode = {
  ok: 0,
  divergences: 1,
  usage: 2,
  internal: 3,
} as const;

/** Bad arguments or bad input the user can fix: printed without a stack, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
