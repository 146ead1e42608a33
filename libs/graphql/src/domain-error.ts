import { IntrinsicException } from '@nestjs/common';

/** The stable `extensions.code` values of the public API (docs/ARCHITECTURE.md#conventions). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED';

/** One thing wrong in a file the caller sent (an imported track, say): where, and what. */
export interface FileProblem {
  file: string;
  /** 1-based, when the place is known. */
  line?: number;
  /** Where in the file's structure, e.g. `$.lessons[2].minutes`. */
  path?: string;
  message: string;
}

/**
 * A failure the caller can act on. Features create these through their own
 * `*.errors.ts` factories; `formatGraphQLError` turns them into GraphQL errors.
 * An `IntrinsicException`, so Nest does not log an expected refusal as a crash.
 */
export class DomainError extends IntrinsicException {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, as a path like `input.questions.0.choices`. */
    readonly field?: string,
    /** Everything wrong with the files the caller sent, when there is more than one thing to say. */
    readonly problems?: FileProblem[],
  ) {
    super(message);
  }
}

/** Unknown ids and ids of other tenants look the same, so nothing leaks across organizations. */
export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} was not found`);
}

export function badInput(field: string, message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, field);
}

export function forbidden(message = 'You are not allowed to do this'): DomainError {
  return new DomainError('FORBIDDEN', message);
}

export function conflict(message: string): DomainError {
  return new DomainError('CONFLICT', message);
}

export function unauthenticated(message = 'Sign in first'): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}
