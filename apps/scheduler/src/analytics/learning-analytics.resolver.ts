import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, OptionalIdArg, PageArgs, Roles, Scopes } from '@tend/graphql';
import { REPORT_WEEKS, reportWeeks } from '../reports/report-period';
import { AnalyticsGroupBy, LearningAnalyticsRow, LearningAnalyticsRowConnection } from './learning-analytics.types';
import { LearningAnalyticsService } from './learning-analytics.service';

const GROUP_BY = { type: () => AnalyticsGroupBy };

@Resolver(() => LearningAnalyticsRow)
@Roles(Role.ADMIN, Role.LEADER)
@Scopes('progress:read')
export class LearningAnalyticsResolver {
  constructor(private readonly analytics: LearningAnalyticsService) {}

  @Query(() => LearningAnalyticsRowConnection, {
    description:
      'Completion, recall, engagement and time to complete per cohort, HR team or leader subtree, by group id; a leader reads their own subtree only (LEADER_SUBTREE), an admin any grouping, and may name one leader',
  })
  learningAnalytics(
    @CurrentPrincipal() caller: Caller,
    @Args('groupBy', GROUP_BY) groupBy: AnalyticsGroupBy,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args('weeks', REPORT_WEEKS) weeks: number | null,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<LearningAnalyticsRow>> {
    return this.analytics.page(caller.organizationId, caller, { groupBy, leaderId }, reportWeeks(weeks), page);
  }

  @Query(() => String, {
    description: 'learningAnalytics as CSV (RFC 4180), every group in one document, by group id',
  })
  learningAnalyticsCsv(
    @CurrentPrincipal() caller: Caller,
    @Args('groupBy', GROUP_BY) groupBy: AnalyticsGroupBy,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args('weeks', REPORT_WEEKS) weeks: number | null,
  ): Promise<string> {
    return this.analytics.csv(caller.organizationId, caller, { groupBy, leaderId }, reportWeeks(weeks));
  }
}
