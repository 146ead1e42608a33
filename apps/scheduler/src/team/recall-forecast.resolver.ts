import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { CurrentPerson, OptionalIdArg, Roles } from '@tend/graphql';
import { LeaderPrompt } from '../leader-prompts/leader-prompt.types';
import { CompetencyRecall, RecallForecast } from './recall-forecast.type';
import { RecallForecastService } from './recall-forecast.service';

@Resolver(() => RecallForecast)
export class RecallForecastResolver {
  constructor(private readonly forecasts: RecallForecastService) {}

  @Query(() => RecallForecast, {
    description:
      "Your team's expected recall this Friday per competency, lowest first, with who has reviews due; admins may name any leader, or none for the whole organization",
  })
  @Roles(Role.LEADER, Role.ADMIN)
  teamRecallForecast(
    @CurrentPerson() principal: PersonPrincipal,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
  ): Promise<RecallForecast> {
    return this.forecasts.forViewer(principal, leaderId);
  }

  @Query(() => String, {
    description:
      'teamRecallForecast as CSV (RFC 4180): one line per competency, lowest first, with how many people are due',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  teamRecallForecastCsv(
    @CurrentPerson() principal: PersonPrincipal,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
  ): Promise<string> {
    return this.forecasts.csvForViewer(principal, leaderId);
  }
}

@Resolver(() => LeaderPrompt)
export class LeaderPromptRecallResolver {
  constructor(private readonly forecasts: RecallForecastService) {}

  @ResolveField(() => [CompetencyRecall], {
    description:
      "The team's expected recall this Friday per competency, lowest first (as teamRecallForecast); read when asked, not frozen with the prompt",
  })
  async recallForecast(@Parent() prompt: LeaderPrompt): Promise<CompetencyRecall[]> {
    if (!prompt.leader) return [];
    const { organizationId, personId } = prompt.leader;
    return (await this.forecasts.forTeam(organizationId, personId, personId)).competencies;
  }
}
