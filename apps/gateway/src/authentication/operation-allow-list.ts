import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';

/** The operations an API client may run, by the SHA-256 of their documents. */
export type OperationAllowList = ReadonlyMap<string, string>;

/** The parts of an HTTP request the allow-list reads; the body is parsed JSON, and may be rewritten. */
export interface OperationRequest {
  method: string;
  body: unknown;
}

interface GraphQLRequestBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/**
 * Lets a restricted API client run only its registered operations, sent in
 * full or by hash (Apollo's persisted-query extension). The registered text
 * replaces what was sent, so what runs is exactly what an admin registered.
 */
export function admitAllowedOperation(allowList: OperationAllowList, request: OperationRequest): void {
  const body = request.method === 'POST' ? (request.body as GraphQLRequestBody | undefined) : undefined;
  if (!body || typeof body !== 'object') {
    throw refused('This API client sends its registered operations by POST, as JSON');
  }
  const sentHash = body.extensions?.persistedQuery?.sha256Hash;
  const hash =
    typeof sentHash === 'string'
      ? sentHash.toLowerCase()
      : typeof body.query === 'string'
        ? createHash('sha256').update(body.query).digest('hex')
        : undefined;
  const document = hash === undefined ? undefined : allowList.get(hash);
  if (document === undefined) {
    throw refused('This API client may run only the operations registered for it');
  }
  body.query = document;
}

function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
