import type { TypedDocumentString } from '../graphql/generated/graphql';
import { session } from './session';

/** A refusal of the API, with its stable `extensions.code` (UNAUTHENTICATED, BAD_USER_INPUT, CONFLICT ...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The connection is down (or the gateway unreachable): the caller may keep the work and send it later. */
export class OfflineError extends Error {}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/**
 * One operation against the public GraphQL API, the same endpoint third parties call, with the
 * signed-in person's token. The documents are the generated typed ones, so a result is typed by
 * the schema it was checked against.
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: Record<string, never> extends TVariables ? [TVariables?] : [TVariables]
): Promise<TResult> {
  const token = session.token();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new OfflineError('offline');
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(
      `The server answered ${response.status}`,
      response.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE',
    );
  }
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED') session.signOut();
    throw new ApiError(error.message, code, error.extensions?.field);
  }
  if (!body.data) throw new ApiError('The server sent no data', 'BAD_RESPONSE');
  return body.data;
}
