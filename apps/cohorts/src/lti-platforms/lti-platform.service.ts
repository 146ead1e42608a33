import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation, runAcrossTenants } from '@tend/database';
import { ConnectionShape, keysetPage, PageArgs } from '@tend/graphql';
import { assertAllowedHost } from '@tend/outbound';
import { CohortsConfig } from '../cohorts.config';
import { acceptsJwksUrl } from '../identity-providers/jwks-url';
import { LtiToolKeyService } from '../lti-tool-keys/lti-tool-key.service';
import { RegisterLtiPlatformInput } from './dto/register-lti-platform.input';
import { LtiPlatform } from './lti-platform.entity';
import { LtiPlatformErrors, LtiPlatformUrlField } from './lti-platform.errors';

const URL_FIELDS: LtiPlatformUrlField[] = ['authLoginUrl', 'tokenUrl', 'jwksUrl'];

@Injectable()
export class LtiPlatformService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: CohortsConfig,
    private readonly toolKeys: LtiToolKeyService,
  ) {}

  /** Registers a platform, and the organization's tool key pair with its first one. */
  async register(organizationId: string, input: RegisterLtiPlatformInput): Promise<LtiPlatform> {
    const allowLoopback = this.config.ALLOW_LOOPBACK_IDENTITY_PROVIDERS;
    for (const field of URL_FIELDS) {
      const url = input[field];
      if (!acceptsJwksUrl(url, allowLoopback)) throw LtiPlatformErrors.insecureUrl(field);
      // Tend will fetch keys and tokens here on the admin's say-so: never from inside our own network.
      await assertAllowedHost(new URL(url).hostname, { allowLoopback }).catch(() => {
        throw LtiPlatformErrors.urlNotPublic(field);
      });
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.toolKeys.ensure(manager, organizationId);
        const platforms = manager.getRepository(LtiPlatform);
        return platforms.save(
          platforms.create({
            organizationId,
            issuer: input.issuer,
            clientId: input.clientId,
            authLoginUrl: input.authLoginUrl,
            tokenUrl: input.tokenUrl,
            jwksUrl: input.jwksUrl,
            deploymentIds: [...new Set(input.deploymentIds)],
          }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'lti_platforms_issuer_client_id_key')) throw LtiPlatformErrors.alreadyRegistered();
      throw error;
    }
  }

  list(organizationId: string, args: PageArgs): Promise<ConnectionShape<LtiPlatform>> {
    const query = this.dataSource
      .getRepository(LtiPlatform)
      .createQueryBuilder('platform')
      .where('platform.organization_id = :organizationId', { organizationId });
    return keysetPage(query, args, { column: 'created_at', keyOf: (row) => row.createdAt, direction: 'ASC' });
  }

  /**
   * The platform a login names, before anyone is known. Without a client id (the platform may
   * leave it out), the issuer must name exactly one platform.
   */
  async findForLogin(issuer: string, clientId: string | undefined): Promise<LtiPlatform | undefined> {
    const found = await runAcrossTenants('LTI platform lookup by issuer', () =>
      this.dataSource
        .getRepository(LtiPlatform)
        .find({ where: clientId === undefined ? { issuer } : { issuer, clientId }, take: 2 }),
    );
    return found.length === 1 ? found[0] : undefined;
  }

  async get(organizationId: string, id: string): Promise<LtiPlatform | null> {
    return this.dataSource.getRepository(LtiPlatform).findOneBy({ organizationId, id });
  }
}
