import { CreateCohortsSchema1763888400000 } from './1763888400000-create-cohorts-schema';
import { CreateApiClients1795429357407 } from './1795429357407-create-api-clients';
import { CreateAuditLog1795429954044 } from './1795429954044-create-audit-log';
import { AddIdentityProviders1795430846237 } from './1795430846237-add-identity-providers';
import { EnableCohortsRowLevelSecurity1795433087358 } from './1795433087358-enable-row-level-security';
import { AddApiClientOperationAllowLists1795433558033 } from './1795433558033-add-api-client-operation-allow-lists';
import { PublishedTracksArchived1795434071041 } from './1795434071041-published-tracks-archived';
import { AllowWebhooksScope1795435188068 } from './1795435188068-allow-webhooks-scope';
import { PeopleHrAttributes1795480000000 } from './1795480000000-people-hr-attributes';
import { CohortRules1795490000000 } from './1795490000000-cohort-rules';
import { Participations1795500000000 } from './1795500000000-participations';
import { PersonErasure1795600000000 } from './1795600000000-person-erasure';
import { CohortQuietHoursAndHolidays1795630000000 } from './1795630000000-cohort-quiet-hours-and-holidays';
import { CohortPriority1795650000000 } from './1795650000000-cohort-priority';
import { AuditLogErasableAddresses1795670000000 } from './1795670000000-audit-log-erasable-addresses';
import { ScimProvisioning1795700000000 } from './1795700000000-scim-provisioning';
import { LtiPlatforms1795730000000 } from './1795730000000-lti-platforms';
import { LtiLaunches1795740000000 } from './1795740000000-lti-launches';
import { LtiDeepLinks1795750000000 } from './1795750000000-lti-deep-links';
import { SignInLinks1795760000000 } from './1795760000000-sign-in-links';
import { RepublishPeopleTeams1795790000000 } from './1795790000000-republish-people-teams';

/** In order; the cohorts data source loads exactly these. */
export const cohortsMigrations = [
  CreateCohortsSchema1763888400000,
  CreateApiClients1795429357407,
  CreateAuditLog1795429954044,
  AddIdentityProviders1795430846237,
  EnableCohortsRowLevelSecurity1795433087358,
  AddApiClientOperationAllowLists1795433558033,
  PublishedTracksArchived1795434071041,
  AllowWebhooksScope1795435188068,
  PeopleHrAttributes1795480000000,
  CohortRules1795490000000,
  Participations1795500000000,
  PersonErasure1795600000000,
  CohortQuietHoursAndHolidays1795630000000,
  CohortPriority1795650000000,
  AuditLogErasableAddresses1795670000000,
  ScimProvisioning1795700000000,
  LtiPlatforms1795730000000,
  LtiLaunches1795740000000,
  LtiDeepLinks1795750000000,
  SignInLinks1795760000000,
  RepublishPeopleTeams1795790000000,
];
