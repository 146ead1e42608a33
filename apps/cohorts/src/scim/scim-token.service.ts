import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScimTokenPrincipal } from '@tend/auth';
import { ConnectionShape, PageArgs, keysetPage, notFound } from '@tend/graphql';
import { secretMatches } from '../api-clients/api-key';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { SignInGenerations } from '../people/sign-in-generations';
import { CreateScimTokenInput } from './dto/create-scim-token.input';
import { ScimToken, ScimTokenSecret } from './scim-token.entity';
import { generateScimToken, parseScimToken } from './scim-token';

@Injectable()
export class ScimTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signInGenerations: SignInGenerations,
  ) {}

  /** A new token; only its hash is kept, so this is the one time anyone sees it. */
  async create(organizationId: string, createdBy: string, input: CreateScimTokenInput): Promise<ScimTokenSecret> {
    const { token, prefix, secretHash } = generateScimToken();
    const tokens = this.dataSource.getRepository(ScimToken);
    const scimToken = await tokens.save(
      tokens.create({
        organizationId,
        name: input.name,
        tokenPrefix: prefix,
        secretHash,
        createdBy,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { scimToken, token };
  }

  /** Refused from the next request on (the gateway's kept answer goes with the generation); revoking again keeps the first instant. */
  async revoke(organizationId: string, id: string): Promise<ScimToken> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE "${COHORTS_SCHEMA}".scim_tokens SET revoked_at = COALESCE(revoked_at, now()), updated_at = now()
       WHERE organization_id = $1 AND id = $2 RETURNING id`,
      [organizationId, id],
    );
    if (rows.length === 0) throw notFound('SCIM token', id);
    await this.signInGenerations.bump([organizationId]);
    return this.dataSource.getRepository(ScimToken).findOneByOrFail({ organizationId, id });
  }

  list(organizationId: string, args: PageArgs): Promise<ConnectionShape<ScimToken>> {
    const query = this.dataSource
      .getRepository(ScimToken)
      .createQueryBuilder('token')
      .where('token.organization_id = :organizationId', { organizationId });
    return keysetPage(query, args, { column: 'created_at', keyOf: (row) => row.createdAt, direction: 'ASC' });
  }

  /** Whose a token is, if it is well formed, matches and is not revoked; marks it used at most once a minute. */
  async verify(token: string): Promise<ScimTokenPrincipal | undefined> {
    const parsed = parseScimToken(token);
    if (!parsed) return undefined;
    const found = await this.dataSource
      .getRepository(ScimToken)
      .createQueryBuilder('token')
      .where('token.token_prefix = :prefix AND token.revoked_at IS NULL', { prefix: parsed.prefix })
      .getOne();
    if (!found || !secretMatches(parsed.secret, found.secretHash)) return undefined;
    await this.dataSource.query(
      `UPDATE "${COHORTS_SCHEMA}".scim_tokens SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [found.id],
    );
    return { kind: 'scim-token', organizationId: found.organizationId, tokenId: found.id };
  }
}
