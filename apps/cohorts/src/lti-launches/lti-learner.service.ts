import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { Role } from '@tend/auth';
import { isUniqueViolation } from '@tend/database';
import { appendToOutbox, domainEvent } from '@tend/events';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortService } from '../cohorts/cohort.service';
import { EnrollmentService } from '../enrollments/enrollment.service';
import { Person } from '../people/person.entity';
import { PersonService } from '../people/person.service';
import { PublishedTrack } from '../published-tracks/published-track.entity';
import { PublishedTrackService } from '../published-tracks/published-track.service';
import { LtiLaunch } from '../lti-platforms/lti-claims';
import { LtiPlatform } from '../lti-platforms/lti-platform.entity';
import { LtiRefusal } from '../lti-platforms/lti-refusal';

/** The grade services' scope a tool needs to post scores (AGS 2.0 §3.1). */
const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

/** The cadence of a cohort a course makes: Tend's usual weekday rhythm, until an admin changes it. */
const COURSE_COHORT_CADENCE = { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' };

/**
 * The platform's user as a Tend person of the platform's organization, and their place in the
 * track a launch links to. People and cohorts change only through `PersonService`, `CohortService`
 * and `EnrollmentService`, so a learner made here is checked and announced as `createPerson`'s.
 */
@Injectable()
export class LtiLearnerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonService,
    private readonly cohorts: CohortService,
    private readonly enrollments: EnrollmentService,
    private readonly publishedTracks: PublishedTrackService,
  ) {}

  /** The person this platform user launches as; a learner made for them on their first launch. */
  async personFor(launch: LtiLaunch): Promise<Person> {
    const known = await this.known(launch);
    if (known) return known;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const email = await this.addressFor(launch);
        const person = await this.people.createInTransaction(manager, launch.organizationId, {
          email,
          name: cleanText(launch.name ?? '').slice(0, 200) || 'Learner',
          role: Role.LEARNER,
          timezone: 'UTC',
        });
        await manager.query(
          `INSERT INTO "${COHORTS_SCHEMA}".lti_accounts (organization_id, platform_id, subject, person_id) VALUES ($1, $2, $3, $4)`,
          [launch.organizationId, launch.platformId, launch.subject, person.id],
        );
        return person;
      });
    } catch (error) {
      // Two first launches at once: the other made the person, and this transaction made nothing.
      const made = isUniqueViolation(error, 'lti_accounts_platform_id_subject_key') && (await this.known(launch));
      if (made) return made;
      throw error;
    }
  }

  /** The published track a launch links to, or null when it links to none (Tend's own landing). */
  async trackFor(launch: LtiLaunch, trackId: string | undefined): Promise<PublishedTrack | null> {
    if (trackId === undefined) return null;
    const track = /^[0-9a-f-]{36}$/i.test(trackId)
      ? await this.publishedTracks.find(this.dataSource.manager, launch.organizationId, trackId)
      : null;
    if (!track || track.archivedAt)
      throw new LtiRefusal(404, 'LTI_UNKNOWN_TRACK', 'The link names no published track of Tend');
    return track;
  }

  /**
   * Puts the person in the cohort of the launch's course for the track, which the course's first
   * launch makes and enrolls. Adding a member twice adds nothing, so every launch may ask.
   */
  async enroll(launch: LtiLaunch, person: Person, track: PublishedTrack): Promise<void> {
    const contextId = launch.context?.id ?? `deployment:${launch.deploymentId}`;
    let cohortId = await this.courseCohort(launch, contextId, track.trackId);
    if (!cohortId) {
      const cohort = await this.cohorts.create(launch.organizationId, {
        name: cleanText(`${launch.context?.title ?? 'LMS course'} · ${track.title}`).slice(0, 200),
        timezone: 'UTC',
        cadence: COURSE_COHORT_CADENCE,
      });
      await this.enrollments.enroll(launch.organizationId, cohort.id, track.trackId);
      try {
        await this.dataSource.query(
          `INSERT INTO "${COHORTS_SCHEMA}".lti_course_cohorts (organization_id, platform_id, context_id, track_id, cohort_id)
           VALUES ($1, $2, $3, $4, $5)`,
          [launch.organizationId, launch.platformId, contextId, track.trackId, cohort.id],
        );
        cohortId = cohort.id;
      } catch (error) {
        // The course's first two launches at once: the other's cohort is the course's, this one stays empty.
        if (!isUniqueViolation(error, 'lti_course_cohorts_platform_id_context_id_track_id_key')) throw error;
        cohortId = await this.courseCohort(launch, contextId, track.trackId);
      }
    }
    if (cohortId) await this.cohorts.addMembers(launch.organizationId, cohortId, [person.id]);
  }

  /**
   * Tells the scheduler where the person's scores in the track go, when the launch names a line
   * item Tend may post scores to; the scheduler sends them (README "LTI 1.3 Advantage").
   */
  async linkLineItem(launch: LtiLaunch, platform: LtiPlatform, person: Person, track: PublishedTrack): Promise<void> {
    const lineItemUrl = launch.gradeService?.lineItemUrl;
    if (!lineItemUrl || !/^https?:\/\//i.test(lineItemUrl) || !launch.gradeService?.scopes.includes(SCORE_SCOPE))
      return;
    await this.dataSource.transaction((manager) =>
      appendToOutbox(manager, COHORTS_SCHEMA, launch.organizationId, [
        domainEvent('cohorts.lti_line_item_linked', {
          personId: person.id,
          trackId: track.trackId,
          platformId: platform.id,
          tokenUrl: platform.tokenUrl,
          clientId: platform.clientId,
          lineItemUrl,
          userId: launch.subject,
        }),
      ]),
    );
  }

  private async known(launch: LtiLaunch): Promise<Person | null> {
    const [row]: { person_id: string }[] = await this.dataSource.query(
      `SELECT person_id FROM "${COHORTS_SCHEMA}".lti_accounts WHERE organization_id = $1 AND platform_id = $2 AND subject = $3`,
      [launch.organizationId, launch.platformId, launch.subject],
    );
    if (!row) return null;
    const person = await this.dataSource
      .getRepository(Person)
      .findOneByOrFail({ organizationId: launch.organizationId, id: row.person_id });
    if (!person.active) throw new LtiRefusal(403, 'LTI_PERSON_DEACTIVATED', 'This person was deactivated in Tend');
    return person;
  }

  /**
   * The platform's address for the person when no one in the organization has it yet. A platform's
   * email claim is not proof of the address (a Moodle user may set their own), so a launch never
   * signs in as a person Tend already knew by email: it gets an address of its own instead.
   */
  private async addressFor(launch: LtiLaunch): Promise<string> {
    const claimed = launch.email?.toLowerCase();
    if (claimed && claimed.length <= 254 && isEmail(claimed)) {
      const taken: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM "${COHORTS_SCHEMA}".people WHERE organization_id = $1 AND email = $2`,
        [launch.organizationId, claimed],
      );
      if (taken.length === 0) return claimed;
    }
    const handle = createHash('sha256').update(`${launch.platformId}:${launch.subject}`).digest('hex').slice(0, 24);
    return `lti-${handle}@lti.invalid`;
  }

  private async courseCohort(launch: LtiLaunch, contextId: string, trackId: string): Promise<string | null> {
    const [row]: { cohort_id: string }[] = await this.dataSource.query(
      `SELECT cohort_id FROM "${COHORTS_SCHEMA}".lti_course_cohorts
       WHERE organization_id = $1 AND platform_id = $2 AND context_id = $3 AND track_id = $4`,
      [launch.organizationId, launch.platformId, contextId, trackId],
    );
    return row?.cohort_id ?? null;
  }
}

/** A platform's text as Postgres keeps it: no NUL, no broken surrogate pairs. */
function cleanText(value: string): string {
  return value.split('\u0000').join('').toWellFormed().trim();
}
