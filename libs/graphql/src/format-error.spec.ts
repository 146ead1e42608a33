import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from './domain-error';
import { formatGraphQLError } from './format-error';

function thrownInResolver(error: Error) {
  const graphQLError = new GraphQLError(error.message, { path: ['track'], originalError: error });
  return formatGraphQLError({ message: graphQLError.message, path: ['track'] }, graphQLError);
}

describe('errors as callers see them', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('keep the code and the field at fault of a domain error', () => {
    expect(thrownInResolver(new DomainError('BAD_USER_INPUT', 'input.minutes: too long', 'input.minutes'))).toEqual({
      message: 'input.minutes: too long',
      path: ['track'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', httpStatus: 400, field: 'input.minutes' },
    });
  });

  it('hide what went wrong inside, whatever it was', () => {
    const leaked = thrownInResolver(new Error('duplicate key value violates unique constraint "people_email_key"'));
    expect(leaked).toEqual({
      message: 'Internal server error',
      path: ['track'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('pass through the errors of a malformed request', () => {
    const formatted = formatGraphQLError(
      { message: 'Cannot query field "nope"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('Cannot query field "nope"'),
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
