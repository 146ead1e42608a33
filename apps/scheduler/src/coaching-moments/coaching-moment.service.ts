import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { recordWebhookEvents, webhookEvent } from '../event-webhooks/webhook-outbox';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { ConnectionShape, keysetPage, PageArgs } from '@tend/graphql';
import { CohortCadenceRow, lessonCadenceOf, LessonSlotCalendar } from '../cadence/lesson-slot-calendar';
import { Delivery, DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ProjectedPerson } from '../projections/person.entity';
import { ReportingLines } from '../projections/reporting-lines';
import { CoachingMoment, CoachingMomentKind } from './coaching-moment.entity';
import { CoachingMomentErrors } from './coaching-moment.errors';
import { LogCoachingMomentInput } from './dto/log-coaching-moment.input';

type Leader = Pick<Caller, 'personId' | 'role'> & { personId: string };

/** Where a follow-up lesson fits: the enrollment it belongs to and its cohort's calendar. */
interface FollowUpSlot extends CohortCadenceRow {
  enrollment_id: string;
  person_zone: string;
  cohort_zone: string;
}

@Injectable()
export class CoachingMomentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reportingLines: ReportingLines,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the moment: a leader's about someone in their subtree, an admin's
   * about anyone. A redirection with a follow-up also plans the related lesson
   * again for the person's next workday, in the same transaction.
   */
  async log(organizationId: string, leader: Leader, input: LogCoachingMomentInput): Promise<CoachingMoment> {
    if (input.assignFollowUp && input.kind !== CoachingMomentKind.REDIRECTION) {
      throw CoachingMomentErrors.followUpNeedsRedirection();
    }
    if (input.assignFollowUp && !input.relatedLessonId) throw CoachingMomentErrors.followUpNeedsLesson();
    const person = await this.dataSource
      .getRepository(ProjectedPerson)
      .findOneBy({ organizationId, personId: input.personId });
    if (!person) throw CoachingMomentErrors.personNotFound(input.personId);
    const mayCoach =
      leader.role === Role.ADMIN ||
      (await this.reportingLines.reportsTo(organizationId, leader.personId, input.personId));
    if (!mayCoach) {
      throw CoachingMomentErrors.notYourReport();
    }
    return this.dataSource.transaction(async (manager) => {
      const followUp = input.assignFollowUp
        ? await this.planFollowUp(manager, organizationId, input.personId, input.relatedLessonId ?? '')
        : null;
      const moments = manager.getRepository(CoachingMoment);
      const moment = await moments.save(
        moments.create({
          organizationId,
          leaderId: leader.personId,
          personId: input.personId,
          kind: input.kind,
          whatHappened: input.whatHappened,
          relatedLessonId: input.relatedLessonId ?? null,
          followUpDeliveryId: followUp?.id ?? null,
          firstShownOn: null,
          // Reports count moments per week of the service's clock, which tests and demos move.
          createdAt: this.clock.now(),
        }),
      );
      await recordWebhookEvents(manager, organizationId, [
        webhookEvent('coaching_moment.logged', moment.personId, moment.createdAt, {
          coachingMomentId: moment.id,
          leaderId: moment.leaderId,
          personId: moment.personId,
          kind: moment.kind,
          relatedLessonId: moment.relatedLessonId,
          followUpAssigned: moment.followUpDeliveryId !== null,
          loggedAt: moment.createdAt.toISOString(),
        }),
      ]);
      return moment;
    });
  }

  /** The moments a leader logged, newest first; an admin sees everyone's. */
  async list(organizationId: string, viewer: Leader, page: PageArgs): Promise<ConnectionShape<CoachingMoment>> {
    const query = this.dataSource
      .getRepository(CoachingMoment)
      .createQueryBuilder('moment')
      .where('moment.organization_id = :organizationId', { organizationId });
    if (viewer.role !== Role.ADMIN) query.andWhere('moment.leader_id = :leaderId', { leaderId: viewer.personId });
    return keysetPage(query, page, { column: 'created_at', keyOf: (moment) => moment.createdAt, direction: 'DESC' });
  }

  /**
   * The recognitions a person has not seen yet, plus those first seen today:
   * each shows for the whole local day on which the person first opened it.
   */
  async recognitionsFor(organizationId: string, personId: string, localDate: string): Promise<CoachingMoment[]> {
    const [rows]: [CoachingMoment[], number] = await this.dataSource.query(
      `UPDATE scheduler.coaching_moments SET first_shown_on = COALESCE(first_shown_on, $3::date)
       WHERE organization_id = $1 AND person_id = $2 AND kind = $4
         AND (first_shown_on IS NULL OR first_shown_on = $3::date)
       RETURNING id`,
      [organizationId, personId, localDate, CoachingMomentKind.RECOGNITION],
    );
    if (rows.length === 0) return [];
    return this.dataSource
      .getRepository(CoachingMoment)
      .createQueryBuilder('moment')
      .where('moment.organization_id = :organizationId AND moment.id IN (:...ids)', {
        organizationId,
        ids: rows.map((row) => row.id),
      })
      .orderBy('moment.created_at', 'DESC')
      .getMany();
  }

  private async planFollowUp(
    manager: EntityManager,
    organizationId: string,
    personId: string,
    lessonId: string,
  ): Promise<Delivery> {
    const [slot]: FollowUpSlot[] = await manager.query(
      `SELECT e.enrollment_id, p.timezone AS person_zone, c.timezone AS cohort_zone,
              c.days_of_week, c.lesson_time, c.holidays, c.quiet_start, c.quiet_end
       FROM scheduler.learner_enrollments le
       JOIN scheduler.enrollments e ON e.enrollment_id = le.enrollment_id
       JOIN scheduler.track_lessons tl
         ON tl.track_id = e.track_id AND tl.version = e.track_version AND tl.lesson_id = $3
       JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
       JOIN scheduler.people p ON p.person_id = le.person_id
       WHERE le.organization_id = $1 AND le.person_id = $2
       ORDER BY e.created_at DESC LIMIT 1`,
      [organizationId, personId, lessonId],
    );
    if (!slot) throw CoachingMomentErrors.lessonNotInTheirTracks();
    const calendar = new LessonSlotCalendar(
      LessonSlotCalendar.zoneFor(slot.person_zone, slot.cohort_zone),
      lessonCadenceOf(slot),
    );
    const tomorrow = DateTime.fromISO(calendar.localDate(this.clock.now()), { zone: calendar.zone })
      .plus({ days: 1 })
      .toISODate() as string;
    const dueAt = calendar.nextSlotOnOrAfter(tomorrow);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (person_id, lesson_id, local_date) WHERE kind = 'LESSON' DO NOTHING
       RETURNING id`,
      [
        organizationId,
        personId,
        DeliveryKind.LESSON,
        lessonId,
        slot.enrollment_id,
        calendar.localDate(dueAt),
        dueAt,
        DeliveryStatus.SCHEDULED,
        DeliveryChannel.IN_APP,
      ],
    );
    if (inserted.length === 0) throw CoachingMomentErrors.followUpAlreadyPlanned();
    return manager.getRepository(Delivery).findOneByOrFail({ organizationId, id: inserted[0].id });
  }
}
