import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SchedulerConfig } from '../scheduler.config';
import { LrsClient } from './lrs-client';
import { LrsCredentials } from './lrs-credentials';
import { StatementSource, XapiActorFormat, XapiEventType, xapiStatement, XapiVersion } from './xapi-statements';

interface Lrs {
  endpoint: string;
  username: string;
  encrypted_password: string;
  version: XapiVersion;
  home_page: string;
  actor_format: XapiActorFormat;
  send_reflections: boolean;
}

interface Waiting {
  id: string;
  event_type: XapiEventType;
  role: string;
  occurred_at: Date;
  payload: StatementSource['payload'];
  reflection: string | null;
}

/**
 * Sends one organization's waiting statements to its LRS, oldest first, one batch per
 * request, until none wait. A batch the LRS refuses (or does not answer) is recorded as
 * the last error and throws, so the job backs off and reads the same batch again: the
 * same statements with the same ids, which an LRS stores once.
 */
@Injectable()
export class XapiSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: LrsClient,
    private readonly credentials: LrsCredentials,
    private readonly config: SchedulerConfig,
  ) {}

  /** Returns how many statements the LRS took. */
  async sendWaiting(organizationId: string): Promise<number> {
    let sent = 0;
    for (;;) {
      const [lrs]: Lrs[] = await this.dataSource.query(
        `SELECT endpoint, username, encrypted_password, version, home_page, actor_format, send_reflections
           FROM scheduler.lrs_configurations WHERE organization_id = $1 AND enabled`,
        [organizationId],
      );
      if (!lrs) return sent;
      const waiting: Waiting[] = await this.dataSource.query(
        `SELECT id, event_type, role, occurred_at, payload, reflection FROM scheduler.xapi_statements
          WHERE organization_id = $1 AND sent_at IS NULL ORDER BY sequence LIMIT $2`,
        [organizationId, this.config.XAPI_BATCH_SIZE],
      );
      if (waiting.length === 0) return sent;
      const emails = lrs.actor_format === 'MBOX' ? await this.emailsOf(organizationId, waiting) : new Map();
      const statements = waiting.map((row) =>
        xapiStatement(
          {
            id: row.id,
            eventType: row.event_type,
            role: row.role,
            occurredAt: new Date(row.occurred_at),
            payload: row.payload,
            reflection: row.reflection,
          },
          {
            version: lrs.version,
            homePage: lrs.home_page,
            actorFormat: lrs.actor_format,
            sendReflections: lrs.send_reflections,
          },
          (personId) => emails.get(personId),
        ),
      );
      const ids = waiting.map((row) => row.id);
      try {
        await this.client.postStatements({
          endpoint: lrs.endpoint,
          username: lrs.username,
          password: this.passwordOf(organizationId, lrs),
          version: lrs.version,
          statements,
        });
      } catch (error) {
        await this.dataSource.query(
          `UPDATE scheduler.xapi_statements SET attempts = attempts + 1, updated_at = now()
            WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
          [organizationId, ids],
        );
        await this.dataSource.query(
          `UPDATE scheduler.lrs_configurations SET last_error = $2, last_error_at = now(), updated_at = now()
            WHERE organization_id = $1`,
          [organizationId, (error as Error).message.slice(0, 1000)],
        );
        throw error;
      }
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          // The LRS has the reflection now; Tend keeps it with the lesson only.
          `UPDATE scheduler.xapi_statements
              SET attempts = attempts + 1, sent_at = now(), reflection = NULL, updated_at = now()
            WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
          [organizationId, ids],
        );
        await manager.query(
          `UPDATE scheduler.lrs_configurations SET last_success_at = now(), updated_at = now() WHERE organization_id = $1`,
          [organizationId],
        );
      });
      sent += waiting.length;
    }
  }

  private passwordOf(organizationId: string, lrs: Lrs): string {
    try {
      return this.credentials.open(organizationId, lrs.encrypted_password);
    } catch {
      throw new Error(
        'the stored LRS password does not open (was LRS_CREDENTIALS_KEY changed?): configure the LRS again',
      );
    }
  }

  /** Email addresses for `mbox` actors; an erased person's row keeps none, so they stay an account. */
  private async emailsOf(organizationId: string, waiting: Waiting[]): Promise<Map<string, string>> {
    const personIds = [
      ...new Set(
        waiting.flatMap((row) => {
          const payload = row.payload as { personId?: string; leaderId?: string };
          const registered = row.role.startsWith('registered:') ? [row.role.slice('registered:'.length)] : [];
          return [payload.personId, payload.leaderId, ...registered].filter((id): id is string => Boolean(id));
        }),
      ),
    ];
    const rows: { person_id: string; email: string }[] = await this.dataSource.query(
      `SELECT person_id, email FROM scheduler.people
        WHERE organization_id = $1 AND person_id = ANY($2::uuid[]) AND NOT erased AND email <> ''`,
      [organizationId, personIds],
    );
    return new Map(rows.map((row) => [row.person_id, row.email]));
  }
}
