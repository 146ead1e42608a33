import { QueryFailedError } from 'typeorm';

/** Whether a write failed on the named unique constraint, so a race on it can become a CONFLICT, not a 500. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const cause = error.driverError as { code?: string; constraint?: string };
  return cause.code === '23505' && cause.constraint === constraint;
}
