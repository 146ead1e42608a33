import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { databaseRootModule, databaseTimeoutsOf } from '@tend/database';
import { ClockModule } from '@tend/clock';
import { OutboxModule } from '@tend/events';
import { RolesGuard, SubgraphModule } from '@tend/graphql';
import { HealthModule, loggingModule, MetricsModule, TracingModule } from '@tend/observability';
import { QueueName, queueRootModule } from '@tend/queue';
import { ApiClientResolver } from './api-clients/api-client.resolver';
import { ApiClientService } from './api-clients/api-client.service';
import { ApiKeyController } from './api-clients/api-key.controller';
import { AuditController } from './audit/audit.controller';
import { AuditResolver } from './audit/audit.resolver';
import { AuditService } from './audit/audit.service';
import { CohortsConfig } from './cohorts.config';
import { COHORTS_SCHEMA, cohortsDataSourceOptions } from './cohorts.data-source';
import { CohortRuleResolver } from './cohort-rules/cohort-rule.resolver';
import { CohortRuleService } from './cohort-rules/cohort-rule.service';
import { CohortResolver } from './cohorts/cohort.resolver';
import { CohortService } from './cohorts/cohort.service';
import { CohortMemberPages } from './cohorts/cohort-members';
import { EnrollmentResolver } from './enrollments/enrollment.resolver';
import { EnrollmentService } from './enrollments/enrollment.service';
import { IdentityProviderController } from './identity-providers/identity-provider.controller';
import { IdentityProviderResolver } from './identity-providers/identity-provider.resolver';
import { IdentityProviderService } from './identity-providers/identity-provider.service';
import { ParticipationResolver } from './participations/participation.resolver';
import { ParticipationService } from './participations/participation.service';
import { PeopleImportResolver } from './people-import/people-import.resolver';
import { PeopleImportService } from './people-import/people-import.service';
import { LtiDeepLinkService } from './lti-deep-links/lti-deep-link.service';
import { LtiIdTokenVerifier } from './lti-launches/lti-id-token.verifier';
import { LtiLaunchService } from './lti-launches/lti-launch.service';
import { LtiLearnerService } from './lti-launches/lti-learner.service';
import { LtiLoginService } from './lti-launches/lti-login.service';
import { LtiController } from './lti-launches/lti.controller';
import { LtiPlatformResolver } from './lti-platforms/lti-platform.resolver';
import { LtiPlatformService } from './lti-platforms/lti-platform.service';
import { LtiToolKeyService } from './lti-tool-keys/lti-tool-key.service';
import { MyTeamResolver } from './my-team/my-team.resolver';
import { MyTeamService } from './my-team/my-team.service';
import { PersonDataExportService } from './person-data/person-data-export.service';
import { PersonDataResolver } from './person-data/person-data.resolver';
import { PersonErasureService } from './person-data/person-erasure.service';
import { PersonResolver } from './people/person.resolver';
import { PersonSignInController } from './people/person-sign-in.controller';
import { PersonDirectory } from './people/person-directory';
import { PersonService } from './people/person.service';
import { SignInGenerations } from './people/sign-in-generations';
import { CohortsEventsProcessor } from './published-tracks/cohorts-events.processor';
import { PublishedTrackService } from './published-tracks/published-track.service';
import { ScimGroupsService } from './scim/scim-groups.service';
import { ScimTokenController } from './scim/scim-token.controller';
import { ScimTokenResolver } from './scim/scim-token.resolver';
import { ScimTokenService } from './scim/scim-token.service';
import { ScimUsersService } from './scim/scim-users.service';
import { ScimController } from './scim/scim.controller';
import { SignInLinkController } from './sign-in-links/sign-in-link.controller';
import { SignInLinkEmails } from './sign-in-links/sign-in-link.emails';
import { SignInLinkService } from './sign-in-links/sign-in-link.service';
import { TeamResolver } from './teams/team.resolver';
import { TeamService } from './teams/team.service';

@Module({})
export class CohortsModule {
  static register(config: CohortsConfig): DynamicModule {
    return {
      module: CohortsModule,
      imports: [
        loggingModule('cohorts', config.LOG_LEVEL),
        TracingModule,
        databaseRootModule(cohortsDataSourceOptions(config.DATABASE_URL, databaseTimeoutsOf(config))),
        queueRootModule({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }),
        BullModule.registerQueue({ name: QueueName.CohortsEvents }),
        OutboxModule.forService({
          schema: COHORTS_SCHEMA,
          relayQueue: QueueName.CohortsOutbox,
          relayEveryMs: config.OUTBOX_RELAY_EVERY_MS,
        }),
        ClockModule.forRoot(config.CLOCK_ADJUSTABLE),
        SubgraphModule.forRoot(),
        HealthModule.forService(config.REDIS_URL),
        MetricsModule.forService({
          service: 'cohorts',
          databasePool: true,
          queues: [QueueName.CohortsOutbox, QueueName.CohortsEvents],
        }),
      ],
      providers: [
        { provide: CohortsConfig, useValue: config },
        { provide: APP_GUARD, useClass: RolesGuard },
        TeamService,
        TeamResolver,
        PersonService,
        PersonDirectory,
        CohortMemberPages,
        SignInGenerations,
        PersonResolver,
        PersonErasureService,
        PersonDataExportService,
        PersonDataResolver,
        MyTeamService,
        MyTeamResolver,
        PeopleImportService,
        PeopleImportResolver,
        CohortService,
        CohortResolver,
        CohortRuleService,
        CohortRuleResolver,
        PublishedTrackService,
        CohortsEventsProcessor,
        EnrollmentService,
        EnrollmentResolver,
        ParticipationService,
        ParticipationResolver,
        ApiClientService,
        ApiClientResolver,
        AuditService,
        AuditResolver,
        IdentityProviderService,
        IdentityProviderResolver,
        ScimTokenService,
        ScimTokenResolver,
        ScimUsersService,
        ScimGroupsService,
        LtiToolKeyService,
        LtiPlatformService,
        LtiPlatformResolver,
        LtiLoginService,
        LtiIdTokenVerifier,
        LtiLearnerService,
        LtiLaunchService,
        LtiDeepLinkService,
        SignInLinkEmails,
        SignInLinkService,
      ],
      controllers: [
        ApiKeyController,
        AuditController,
        IdentityProviderController,
        PersonSignInController,
        ScimTokenController,
        ScimController,
        LtiController,
        SignInLinkController,
      ],
    };
  }
}
