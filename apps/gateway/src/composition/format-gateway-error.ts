import { Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';

const logger = new Logger('Gateway');

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * What callers of the public endpoint see: the message, the stable code,
 * the field at fault, the problems found in an uploaded file and, when rate
 * limited, how many seconds to wait. Which
 * subgraph answered, HTTP details of internal hops and anything unexpected
 * stay in the gateway's log.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const field = formatted.extensions?.field;
  const retryAfter = formatted.extensions?.retryAfter;
  const problems = formatted.extensions?.problems;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code,
        ...(typeof field === 'string' ? { field } : {}),
        ...((code === 'RATE_LIMITED' || code === 'SERVICE_UNAVAILABLE') && typeof retryAfter === 'number'
          ? { retryAfter }
          : {}),
        ...(code === 'BAD_USER_INPUT' && Array.isArray(problems) ? { problems } : {}),
      },
    };
  }
  logger.error({ error: formatted }, 'unexpected error in a federated request');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
