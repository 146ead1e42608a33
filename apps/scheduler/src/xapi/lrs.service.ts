import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput } from '@tend/graphql';
import { SchedulerConfig } from '../scheduler.config';
import { checkedWebhookUrl } from '../webhooks/webhook-url';
import { ConfigureLrsInput } from './dto/configure-lrs.input';
import { LrsCredentials } from './lrs-credentials';
import { LrsActorFormat, LrsStatus, LrsVersion } from './lrs.types';
import { XapiSends } from './xapi.processors';

interface StatusRow {
  endpoint: string;
  username: string;
  version: LrsVersion;
  home_page: string;
  actor_format: LrsActorFormat;
  send_reflections: boolean;
  enabled: boolean;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  backlog: number;
}

/** The organization's LRS: configured (the password sealed), read back without it, turned off. */
@Injectable()
export class LrsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: LrsCredentials,
    private readonly sends: XapiSends,
    private readonly config: SchedulerConfig,
  ) {}

  /**
   * The endpoint follows the webhooks' address rule (https to public addresses; loopback
   * only with ALLOW_LOOPBACK_WEBHOOKS). Configuring turns it on, and what waited goes out.
   */
  async configure(organizationId: string, input: ConfigureLrsInput): Promise<LrsStatus> {
    const endpoint = await checkedWebhookUrl(input.endpoint, this.config.ALLOW_LOOPBACK_WEBHOOKS, 'input.endpoint');
    const homePage = homePageOf(input.homePage);
    await this.dataSource.query(
      `INSERT INTO scheduler.lrs_configurations
         (organization_id, endpoint, username, encrypted_password, version, home_page, actor_format, send_reflections)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organization_id) DO UPDATE
          SET endpoint = EXCLUDED.endpoint, username = EXCLUDED.username,
              encrypted_password = EXCLUDED.encrypted_password, version = EXCLUDED.version,
              home_page = EXCLUDED.home_page, actor_format = EXCLUDED.actor_format,
              send_reflections = EXCLUDED.send_reflections, enabled = true, updated_at = now()`,
      [
        organizationId,
        endpoint.toString(),
        input.username,
        this.credentials.seal(organizationId, input.password),
        input.version ?? LrsVersion.V2_0_0,
        homePage,
        input.actorFormat ?? LrsActorFormat.ACCOUNT,
        input.sendReflections ?? false,
      ],
    );
    await this.sends.sendNow(organizationId);
    return this.status(organizationId) as Promise<LrsStatus>;
  }

  /**
   * Turned off, nothing is kept for it or sent; what already waited stays until it is
   * configured again. Turning off an organization without an LRS changes nothing (null).
   */
  async disable(organizationId: string): Promise<LrsStatus | null> {
    await this.dataSource.query(
      `UPDATE scheduler.lrs_configurations SET enabled = false, updated_at = now() WHERE organization_id = $1`,
      [organizationId],
    );
    return this.status(organizationId);
  }

  async status(organizationId: string): Promise<LrsStatus | null> {
    const [row]: StatusRow[] = await this.dataSource.query(
      `SELECT c.endpoint, c.username, c.version, c.home_page, c.actor_format, c.send_reflections, c.enabled,
              c.last_success_at, c.last_error, c.last_error_at,
              (SELECT count(*)::int FROM scheduler.xapi_statements s
                WHERE s.organization_id = c.organization_id AND s.sent_at IS NULL) AS backlog
         FROM scheduler.lrs_configurations c WHERE c.organization_id = $1`,
      [organizationId],
    );
    if (!row) return null;
    return {
      endpoint: row.endpoint,
      username: row.username,
      version: row.version,
      homePage: row.home_page,
      actorFormat: row.actor_format,
      sendReflections: row.send_reflections,
      enabled: row.enabled,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      lastErrorAt: row.last_error_at,
      backlog: row.backlog,
    };
  }
}

/** An absolute http(s) URL without credentials: statements name people under it, so it must be stable. */
function homePageOf(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('input.homePage', 'must be an absolute http or https URL');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
    throw badInput('input.homePage', 'must be an absolute http or https URL');
  }
  return raw;
}
