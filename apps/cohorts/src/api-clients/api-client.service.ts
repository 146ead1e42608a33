import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { API_SCOPES, ApiClientPrincipal, ApiScope, isApiScope } from '@tend/auth';
import { ConnectionShape, PageArgs, keysetPage } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { SignInGenerations } from '../people/sign-in-generations';
import { ApiClientErrors } from './api-client.errors';
import { ApiClient, ApiClientSecret } from './api-client.entity';
import { generateApiKey, parseApiKey, secretMatches } from './api-key';
import { CreateApiClientInput } from './dto/create-api-client.input';
import { SetApiClientOperationsInput } from './dto/set-api-client-operations.input';
import { allowedOperationsFrom } from './allowed-operation';

export interface VerifiedApiClient {
  principal: ApiClientPrincipal;
  /** What the gateway may run for the client, by hash; null when its scopes alone decide. */
  allowedOperations: { sha256: string; document: string }[] | null;
}

@Injectable()
export class ApiClientService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signInGenerations: SignInGenerations,
  ) {}

  /** A new client and its key; only the key's hash is kept, so this is the one time anyone sees it. */
  async create(organizationId: string, createdBy: string, input: CreateApiClientInput): Promise<ApiClientSecret> {
    const scopes = knownScopes(input.scopes);
    const { key, prefix, secretHash } = generateApiKey();
    const clients = this.dataSource.getRepository(ApiClient);
    const client = await clients.save(
      clients.create({
        organizationId,
        name: input.name,
        scopes,
        keyPrefix: prefix,
        secretHash,
        createdBy,
        lastUsedAt: null,
        revokedAt: null,
        allowedOperations: null,
      }),
    );
    return { id: client.id, name: client.name, scopes: client.scopes, key };
  }

  /** Revoked keys are refused from the next request on; revoking again keeps the first instant. */
  async revoke(organizationId: string, id: string): Promise<ApiClient> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE "${COHORTS_SCHEMA}".api_clients SET revoked_at = COALESCE(revoked_at, now()), updated_at = now()
       WHERE organization_id = $1 AND id = $2 RETURNING id`,
      [organizationId, id],
    );
    if (rows.length === 0) throw ApiClientErrors.notFound(id);
    await this.signInGenerations.bump([organizationId]);
    return this.dataSource.getRepository(ApiClient).findOneByOrFail({ organizationId, id });
  }

  /** Replaces the client's allow-list as a whole; it applies from the client's next request. */
  async setOperations(organizationId: string, input: SetApiClientOperationsInput): Promise<ApiClient> {
    const allowed = input.operations ? allowedOperationsFrom(input.operations) : null;
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE "${COHORTS_SCHEMA}".api_clients SET allowed_operations = $3::jsonb, updated_at = now()
       WHERE organization_id = $1 AND id = $2 RETURNING id`,
      [organizationId, input.apiClientId, allowed === null ? null : JSON.stringify(allowed)],
    );
    if (rows.length === 0) throw ApiClientErrors.notFound(input.apiClientId);
    await this.signInGenerations.bump([organizationId]);
    return this.dataSource.getRepository(ApiClient).findOneByOrFail({ organizationId, id: input.apiClientId });
  }

  async list(organizationId: string, args: PageArgs): Promise<ConnectionShape<ApiClient>> {
    const query = this.dataSource
      .getRepository(ApiClient)
      .createQueryBuilder('client')
      .where('client.organization_id = :organizationId', { organizationId });
    return keysetPage(query, args, { column: 'created_at', keyOf: (row) => row.createdAt, direction: 'ASC' });
  }

  /**
   * The client a key belongs to, if the key is well formed, its secret matches
   * and the client is not revoked. Marks the client used at most once a minute,
   * so a busy LMS does not turn every request into a write.
   */
  async verify(key: string): Promise<VerifiedApiClient | undefined> {
    const parsed = parseApiKey(key);
    if (!parsed) return undefined;
    const client = await this.dataSource
      .getRepository(ApiClient)
      .createQueryBuilder('client')
      .where('client.key_prefix = :prefix AND client.revoked_at IS NULL', { prefix: parsed.prefix })
      .getOne();
    if (!client || !secretMatches(parsed.secret, client.secretHash)) return undefined;
    await this.dataSource.query(
      `UPDATE "${COHORTS_SCHEMA}".api_clients SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [client.id],
    );
    return {
      principal: {
        kind: 'api-client',
        organizationId: client.organizationId,
        clientId: client.id,
        scopes: client.scopes,
      },
      allowedOperations: client.allowedOperations?.map(({ sha256, document }) => ({ sha256, document })) ?? null,
    };
  }
}

/** The requested scopes, each once, in the API's order; any other name is refused with its position. */
function knownScopes(requested: string[]): ApiScope[] {
  requested.forEach((scope, index) => {
    if (!isApiScope(scope)) throw ApiClientErrors.unknownScope(index);
  });
  return API_SCOPES.filter((scope) => requested.includes(scope));
}
