import { DataSourceOptions } from 'typeorm';
import { DatabaseTimeouts, serviceDataSourceOptions } from '@tend/database';
import { cohortsMigrations } from '@tend/cohorts-migrations';
import { ApiClient } from './api-clients/api-client.entity';
import { ScimToken } from './scim/scim-token.entity';
import { LtiPlatform } from './lti-platforms/lti-platform.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { CohortMember } from './cohorts/cohort-member.entity';
import { Cohort } from './cohorts/cohort.entity';
import { Enrollment } from './enrollments/enrollment.entity';
import { Organization } from './organizations/organization.entity';
import { Person } from './people/person.entity';
import { PublishedTrack } from './published-tracks/published-track.entity';
import { Team } from './teams/team.entity';

export const COHORTS_SCHEMA = 'cohorts';

/** The cohorts service's database, shared by the app and its command line. */
export function cohortsDataSourceOptions(databaseUrl: string, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return serviceDataSourceOptions({
    url: databaseUrl,
    timeouts,
    schema: COHORTS_SCHEMA,
    entities: [
      Organization,
      Team,
      Person,
      Cohort,
      CohortMember,
      Enrollment,
      PublishedTrack,
      ApiClient,
      AuditEntry,
      ScimToken,
      LtiPlatform,
    ],
    migrations: cohortsMigrations,
  });
}
