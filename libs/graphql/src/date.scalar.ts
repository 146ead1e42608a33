import { DateTime } from 'luxon';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parseLocalDate(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid) {
    return value;
  }
  throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** A calendar date with no time and no zone (YYYY-MM-DD), e.g. a learner's local day. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => parseLocalDate(value),
  parseValue: (value) => parseLocalDate(value),
  parseLiteral: (ast) => parseLocalDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
