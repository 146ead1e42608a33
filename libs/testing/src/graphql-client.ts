import request from 'supertest';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; retryAfter?: number };
}

export interface GraphQLResponse<T> {
  status: number;
  headers: Record<string, string>;
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

/** Talks to the gateway over real HTTP, as a third-party client would. */
export class GraphQLClient {
  constructor(
    private readonly gatewayUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string | undefined): GraphQLClient {
    return new GraphQLClient(this.gatewayUrl, token);
  }

  async send<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    return this.post<T>({ query, variables });
  }

  /** Sends only the SHA-256 of a document, as Apollo's persisted queries do. */
  async sendPersisted<T = Record<string, any>>(
    sha256Hash: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> {
    return this.post<T>({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } });
  }

  private async post<T>(body: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const call = request(this.gatewayUrl).post('/graphql').set('content-type', 'application/json');
    if (this.token) call.set('authorization', `Bearer ${this.token}`);
    const response = await call.send(body);
    return {
      status: response.status,
      headers: response.headers,
      data: response.body?.data,
      errors: response.body?.errors,
    };
  }

  /** Sends and expects success: the data, or an error that shows what the API said. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await this.send<T>(query, variables);
    if (response.errors?.length || !response.data) {
      throw new Error(`expected success, got ${response.status}: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  /** Sends and expects exactly one error: its code, field and message. */
  async error(query: string, variables?: Record<string, unknown>): Promise<GraphQLErrorBody & { code?: string }> {
    const response = await this.send(query, variables);
    if (!response.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(response.data)}`);
    const [error] = response.errors;
    return { ...error, code: error.extensions?.code };
  }
}
