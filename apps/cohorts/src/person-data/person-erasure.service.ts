import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { appendToOutbox, domainEvent } from '@tend/events';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Channel } from '../people/channel';
import { Person } from '../people/person.entity';
import { PersonErrors } from '../people/person.errors';
import { PersonDataErrors } from './person-data.errors';

/** What an erased person is called from then on: says what happened and nothing of who they were. */
export const ERASED_NAME = 'Erased person';

/** Unique per person (the column is unique per organization) and in a domain that can never receive mail. */
export function erasedEmail(personId: string): string {
  return `erased-${personId}@erased.invalid`;
}

const NEUTRAL_TIME_ZONE = 'UTC';
const NEUTRAL_LOCALE = 'en-US';

/**
 * Erases a person's personal data. The row stays as a placeholder rather than
 * being deleted: their reports still point at them as leader, API clients they
 * created name them, cohort and team counts include them; but nothing on it says
 * who they were. Their role, team and reporting line stay, as those are what
 * the counts are counted by.
 */
@Injectable()
export class PersonErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async erase(organizationId: string, id: string): Promise<Person> {
    return this.dataSource.transaction(async (manager) => {
      const people = manager.getRepository(Person);
      const person = await people.findOne({ where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw PersonErrors.notFound(id);
      if (person.erasedAt) throw PersonDataErrors.alreadyErased(id);
      const now = this.clock.now();
      Object.assign(person, {
        name: ERASED_NAME,
        email: erasedEmail(person.id),
        externalId: null,
        employeeNumber: null,
        location: null,
        webhookBridgeId: null,
        channels: [Channel.IN_APP],
        timezone: NEUTRAL_TIME_ZONE,
        locale: NEUTRAL_LOCALE,
        active: false,
        deactivatedAt: person.deactivatedAt ?? now,
        erasedAt: now,
      });
      const erased = await people.save(person);
      // Events already written about the person carry their address: the outbox keeps
      // them only as a record of what was sent, so they are redacted in place too.
      await manager.query(
        `UPDATE "${COHORTS_SCHEMA}".outbox
         SET payload = payload || jsonb_build_object('email', $3::text, 'webhookBridgeId', NULL)
         WHERE organization_id = $1 AND type = 'cohorts.person_upserted' AND payload ->> 'personId' = $2`,
        [organizationId, person.id, erasedEmail(person.id)],
      );
      // Their account at an LMS platform names them there; a later launch of it is someone new.
      await manager.query(
        `DELETE FROM "${COHORTS_SCHEMA}".lti_accounts WHERE organization_id = $1 AND person_id = $2`,
        [organizationId, person.id],
      );
      await manager.query(
        `UPDATE "${COHORTS_SCHEMA}".outbox SET payload = payload || jsonb_build_object('userId', '')
         WHERE organization_id = $1 AND type = 'cohorts.lti_line_item_linked' AND payload ->> 'personId' = $2`,
        [organizationId, person.id],
      );
      // What they did as an admin stays on the audit log; where they did it from does not.
      await manager.query(
        `UPDATE "${COHORTS_SCHEMA}".audit_log SET client_address = NULL
         WHERE organization_id = $1 AND actor_kind = 'person' AND actor_id = $2 AND client_address IS NOT NULL`,
        [organizationId, person.id],
      );
      await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
        domainEvent('cohorts.person_erased', { personId: person.id }),
      ]);
      return erased;
    });
  }
}
