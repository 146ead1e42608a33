import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertAllowedHost } from '@tend/outbound';
import { Role } from '@tend/auth';
import { isUniqueViolation } from '@tend/database';
import { CohortsConfig } from '../cohorts.config';
import { Organization } from '../organizations/organization.entity';
import { PersonDirectory } from '../people/person-directory';
import { ConfigureIdentityProviderInput } from './dto/configure-identity-provider.input';
import { IdentityProviderErrors } from './identity-provider.errors';
import { IdentityProvider } from './identity-provider.type';
import { acceptsJwksUrl } from './jwks-url';

/** Who a token of an identity provider signs in, and how the gateway checks the token. */
export interface ResolvedIdentity {
  organizationId: string;
  personId: string;
  role: Role;
  jwksUrl: string;
  audience: string;
}

@Injectable()
export class IdentityProviderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: CohortsConfig,
    private readonly people: PersonDirectory,
  ) {}

  /** Replaces the organization's identity provider; tokens of the previous one are refused from then on. */
  async configure(organizationId: string, input: ConfigureIdentityProviderInput): Promise<IdentityProvider> {
    const allowLoopback = this.config.ALLOW_LOOPBACK_IDENTITY_PROVIDERS;
    if (!acceptsJwksUrl(input.jwksUrl, allowLoopback)) throw IdentityProviderErrors.insecureJwksUrl();
    // The web app's sign-in fetches the issuer's OpenID configuration: the same rule as for the keys.
    if (!acceptsJwksUrl(input.issuer, allowLoopback)) throw IdentityProviderErrors.insecureIssuer();
    // The gateway will fetch from here on the admin's say-so: never from inside our own network.
    await assertAllowedHost(new URL(input.jwksUrl).hostname, { allowLoopback }).catch(() => {
      throw IdentityProviderErrors.jwksUrlNotPublic();
    });
    try {
      await this.dataSource.getRepository(Organization).update(
        { id: organizationId },
        {
          identityProviderIssuer: input.issuer,
          identityProviderJwksUrl: input.jwksUrl,
          identityProviderAudience: input.audience,
        },
      );
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_identity_provider_issuer_key')) {
        throw IdentityProviderErrors.issuerTaken();
      }
      throw error;
    }
    return { issuer: input.issuer, jwksUrl: input.jwksUrl, audience: input.audience };
  }

  /** Like `get`, for an id that may be no organization at all. */
  async find(organizationId: string): Promise<IdentityProvider | null> {
    const organization = await this.dataSource.getRepository(Organization).findOneBy({ id: organizationId });
    return organization ? providerOf(organization) : null;
  }

  async get(organizationId: string): Promise<IdentityProvider | null> {
    const organization = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: organizationId });
    return providerOf(organization);
  }

  /**
   * The person a token of this issuer with this email signs in, if the issuer
   * belongs to an organization and an active person of it has the email. The
   * role is Tend's, never the identity provider's.
   */
  async resolve(issuer: string, email: string): Promise<ResolvedIdentity | undefined> {
    const organization = await this.dataSource
      .getRepository(Organization)
      .findOneBy({ identityProviderIssuer: issuer });
    const provider = organization && providerOf(organization);
    if (!organization || !provider) return undefined;
    const person = await this.people.findActiveByEmail(organization.id, email);
    if (!person) return undefined;
    return {
      organizationId: organization.id,
      personId: person.id,
      role: person.role,
      jwksUrl: provider.jwksUrl,
      audience: provider.audience,
    };
  }
}

function providerOf(organization: Organization): IdentityProvider | null {
  const {
    identityProviderIssuer: issuer,
    identityProviderJwksUrl: jwksUrl,
    identityProviderAudience: audience,
  } = organization;
  return issuer && jwksUrl && audience ? { issuer, jwksUrl, audience } : null;
}
