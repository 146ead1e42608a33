import { Args, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { ConnectionShape, CurrentPerson, PageArgs, Roles } from '@tend/graphql';
import { REPORT_WEEKS, reportWeeks } from '../reports/report-period';
import { LeaderReportRow, LeaderReportRowConnection } from './leader-report.types';
import { LeaderReportService } from './leader-report.service';

@Resolver(() => LeaderReportRow)
@Roles(Role.ADMIN)
export class LeaderReportResolver {
  constructor(private readonly reports: LeaderReportService) {}

  @Query(() => LeaderReportRowConnection, { description: 'Every leader side by side, by leader id' })
  leaderReport(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('weeks', REPORT_WEEKS) weeks: number | null,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<LeaderReportRow>> {
    return this.reports.page(principal.organizationId, reportWeeks(weeks), page);
  }

  @Query(() => String, { description: 'The leader report as CSV (RFC 4180), every leader in one document' })
  leaderReportCsv(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('weeks', REPORT_WEEKS) weeks: number | null,
  ): Promise<string> {
    return this.reports.csv(principal.organizationId, reportWeeks(weeks));
  }
}
