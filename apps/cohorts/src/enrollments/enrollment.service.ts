import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@tend/database';
import { Clock } from '@tend/clock';
import { appendToOutbox, domainEvent } from '@tend/events';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortService } from '../cohorts/cohort.service';
import { PublishedTrackService } from '../published-tracks/published-track.service';
import { isCalendarDate, localDate } from '../time-zones/local-date';
import { EnrollmentErrors } from './enrollment.errors';
import { Enrollment } from './enrollment.entity';

@Injectable()
export class EnrollmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortService,
    private readonly publishedTracks: PublishedTrackService,
    private readonly clock: Clock,
  ) {}

  /**
   * Enrolls a cohort in the version of a track published now. Without a start
   * date the cohort starts today, by the calendar of the cohort's time zone.
   */
  async enroll(
    organizationId: string,
    cohortId: string,
    trackId: string,
    startsOn?: string | null,
  ): Promise<Enrollment> {
    // Checked here as well as by the Date scalar: a federated subgraph schema keeps the
    // parsing of Nest's own DateTime scalar only, so `Date` arrives unchecked.
    if (typeof startsOn === 'string' && !isCalendarDate(startsOn)) throw EnrollmentErrors.startsOnNotADate();
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.cohorts.findOrFail(manager, organizationId, cohortId);
      const track = await this.publishedTracks.find(manager, organizationId, trackId);
      if (!track) throw EnrollmentErrors.trackNotFound(trackId);
      if (track.archivedAt) throw EnrollmentErrors.trackArchived();
      const enrollments = manager.getRepository(Enrollment);
      let enrollment: Enrollment;
      try {
        enrollment = await enrollments.save(
          enrollments.create({
            organizationId,
            cohortId,
            trackId,
            trackVersion: track.version,
            startsOn: startsOn ?? localDate(this.clock.now(), cohort.timezone),
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'enrollments_cohort_id_track_id_key')) throw EnrollmentErrors.alreadyEnrolled();
        throw error;
      }
      await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
        domainEvent('cohorts.enrollment_created', {
          enrollmentId: enrollment.id,
          cohortId,
          trackId,
          trackVersion: enrollment.trackVersion,
          startsOn: enrollment.startsOn,
        }),
      ]);
      return enrollment;
    });
  }
}
