import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { runInOrganization } from '@tend/database';
import { hashOfSecret, newSecret, SignInLinkSecret } from './sign-in-link-secret';

/** How long a link signs in: long enough to open one's email, short enough that an old email is no key. */
export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60_000;

/** Links one person may be sent per lifetime; more asks send nothing, so no one can flood an inbox. */
const LINKS_PER_LIFETIME = 3;

export interface Recipient {
  organizationId: string;
  personId: string;
  name: string;
  email: string;
}

/**
 * One-time sign-in links for organizations without an identity provider (README "The web app").
 * A link is single use (its redemption sets used_at where it was null, in one statement), expires
 * 15 minutes after it was made, names its organization, and is stored only as a hash.
 */
@Injectable()
export class SignInLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The active people with this address in organizations without an identity provider, across tenants. */
  async recipientsOf(email: string): Promise<Recipient[]> {
    const rows = await this.dataSource.query<
      { organization_id: string; person_id: string; name: string; email: string }[]
    >(
      `SELECT p.organization_id, p.id AS person_id, p.name, p.email
         FROM cohorts.people p
         JOIN cohorts.organizations o ON o.id = p.organization_id
        WHERE p.email = $1 AND p.active AND o.identity_provider_issuer IS NULL`,
      [email.trim().toLowerCase()],
    );
    return rows.map((row) => ({
      organizationId: row.organization_id,
      personId: row.person_id,
      name: row.name,
      email: row.email,
    }));
  }

  /**
   * A new link for the person, or null when they were sent enough links in the last 15 minutes
   * (unless `unlimited`: an operator's command, which emails nobody). `runInOrganization` puts the
   * insert under the organization's row-level security.
   */
  async createLink(
    organizationId: string,
    personId: string,
    { unlimited = false }: { unlimited?: boolean } = {},
  ): Promise<SignInLinkSecret | null> {
    const now = this.clock.now();
    const secret = newSecret();
    const rows = await runInOrganization(organizationId, () =>
      this.dataSource.query<{ id: string }[]>(
        `INSERT INTO cohorts.sign_in_links (organization_id, person_id, secret_hash, expires_at, created_at)
         SELECT $1, $2, $3, $4, $5
          WHERE (SELECT count(*) FROM cohorts.sign_in_links
                  WHERE organization_id = $1 AND person_id = $2 AND created_at > $6) < $7
         RETURNING id`,
        [
          organizationId,
          personId,
          hashOfSecret(secret),
          new Date(now.getTime() + SIGN_IN_LINK_LIFETIME_MS),
          now,
          new Date(now.getTime() - SIGN_IN_LINK_LIFETIME_MS),
          unlimited ? Number.MAX_SAFE_INTEGER : LINKS_PER_LIFETIME,
        ],
      ),
    );
    return rows.length === 0 ? null : { organizationId, secret };
  }

  /**
   * Uses the link up and says whom it signs in, or null when it is unknown in its organization,
   * used, expired, its person no longer active or the organization now signs in through its
   * identity provider. Two redemptions at once: the row lock lets one win.
   */
  async redeem({ organizationId, secret }: SignInLinkSecret): Promise<{ personId: string; role: Role } | null> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE with its rows and its count.
    const [rows] = await runInOrganization(organizationId, () =>
      this.dataSource.query<[{ person_id: string; role: Role }[], number]>(
        `UPDATE cohorts.sign_in_links l
            SET used_at = $3, updated_at = $3
           FROM cohorts.people p, cohorts.organizations o
          WHERE l.organization_id = $1 AND l.secret_hash = $2
            AND l.used_at IS NULL AND l.expires_at > $3
            AND p.id = l.person_id AND p.organization_id = l.organization_id AND p.active
            AND o.id = l.organization_id AND o.identity_provider_issuer IS NULL
        RETURNING p.id AS person_id, p.role`,
        [organizationId, hashOfSecret(secret), now],
      ),
    );
    const [row] = rows;
    return row ? { personId: row.person_id, role: row.role } : null;
  }
}
