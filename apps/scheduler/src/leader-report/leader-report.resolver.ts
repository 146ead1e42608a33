import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { badInput, ConnectionShape, CurrentPerson, PageArgs, Roles } from '@tend/graphql';
import { LeaderReportRow, LeaderReportRowConnection } from './leader-report.types';
import { LeaderReportService } from './leader-report.service';

const WEEKS = { type: () => Int, nullable: true, defaultValue: 4, description: '1 to 26, ending with this week' };

function reportWeeks(weeks: number | null): number {
  const count = weeks ?? 4;
  if (count < 1 || count > 26) throw badInput('weeks', 'must be between 1 and 26');
  return count;
}

@Resolver(() => LeaderReportRow)
@Roles(Role.ADMIN)
export class LeaderReportResolver {
  constructor(private readonly reports: LeaderReportService) {}

  @Query(() => LeaderReportRowConnection, { description: 'Every leader side by side, by leader id' })
  leaderReport(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('weeks', WEEKS) weeks: number | null,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<LeaderReportRow>> {
    return this.reports.page(principal.organizationId, reportWeeks(weeks), page);
  }

  @Query(() => String, { description: 'The leader report as CSV (RFC 4180), every leader in one document' })
  leaderReportCsv(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('weeks', WEEKS) weeks: number | null,
  ): Promise<string> {
    return this.reports.csv(principal.organizationId, reportWeeks(weeks));
  }
}
