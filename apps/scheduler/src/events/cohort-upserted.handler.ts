import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { normalizeLocalTime } from '../cadence/lesson-slot-calendar';
import { ProjectedCohort } from '../projections/cohort.entity';
import { EnrollmentSchedules } from './enrollment-schedules';
import { EventHandler } from './event-handler';

@Injectable()
export class CohortUpsertedHandler implements EventHandler<'cohorts.cohort_upserted'> {
  constructor(private readonly schedules: EnrollmentSchedules) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.cohort_upserted'>): Promise<boolean> {
    const { cohortId, timezone, cadence, priority = 0 } = event.payload;
    const lessonTime = localTime(cadence.lessonTime);
    const daysOfWeek = [...new Set(cadence.daysOfWeek)].sort((a, b) => a - b);
    const promptTime = localTime(cadence.promptTime);
    const quietHours = cadence.quietHours ?? null;
    const holidays = [...new Set(cadence.holidays ?? [])].sort();
    const cohorts = manager.getRepository(ProjectedCohort);
    const before = await cohorts.findOneBy({ cohortId });
    await cohorts.upsert(
      {
        cohortId,
        organizationId: event.organizationId,
        timezone,
        daysOfWeek,
        lessonTime,
        promptDay: cadence.promptDay,
        promptTime,
        quietStart: quietHours ? localTime(quietHours.start) : null,
        quietEnd: quietHours ? localTime(quietHours.end) : null,
        holidays,
        priority,
      },
      ['cohortId'],
    );
    const cadenceChanged =
      !!before &&
      (before.timezone !== timezone ||
        before.lessonTime !== lessonTime ||
        before.daysOfWeek.join() !== daysOfWeek.join() ||
        before.holidays.join() !== holidays.join() ||
        before.promptDay !== cadence.promptDay ||
        before.promptTime !== promptTime);
    const rescheduled = cadenceChanged
      ? await this.schedules.reschedule(manager, event.organizationId, { cohortId })
      : 0;
    const created = await this.schedules.createMissing(manager, event.organizationId, { cohortId });
    return rescheduled + created > 0;
  }
}

function localTime(value: string): string {
  const time = normalizeLocalTime(value);
  if (!time) throw new Error(`cohorts.cohort_upserted carries ${value}, which is not a local time HH:mm`);
  return time;
}
