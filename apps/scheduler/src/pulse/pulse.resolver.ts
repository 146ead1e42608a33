import { Args, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { CurrentPerson, OptionalIdArg, Roles } from '@tend/graphql';
import { PulseErrors } from './pulse.errors';
import { Today } from '../today/today.type';
import { AnswerPulseInput } from './dto/answer-pulse.input';
import { Pulse, PulseReceipt, PulseTeamWeek } from './pulse.types';
import { PulseService } from './pulse.service';

@Resolver(() => Today)
export class PulseResolver {
  constructor(private readonly pulses: PulseService) {}

  @ResolveField(() => Pulse, { nullable: true, description: 'This week’s one-question pulse, until you answer it' })
  pulse(@CurrentPerson() principal: PersonPrincipal): Promise<Pulse | null> {
    return this.pulses.current(principal.organizationId, principal.personId);
  }

  @Mutation(() => PulseReceipt, { description: 'Once a week; stored without your name' })
  answerPulse(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: AnswerPulseInput,
  ): Promise<PulseReceipt> {
    return this.pulses.answer(principal.organizationId, principal.personId, input);
  }

  @Query(() => [PulseTeamWeek], {
    description:
      'Newest week first. Leaders: their own team; admins: every team and the organization, or one leader’s team',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  pulseResults(
    @CurrentPerson() principal: PersonPrincipal,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args('weeks', { type: () => Int, nullable: true, defaultValue: 8, description: '1 to 52' }) weeks: number | null,
  ): Promise<PulseTeamWeek[]> {
    const count = weeks ?? 8;
    if (count < 1 || count > 52) throw PulseErrors.weeksOutOfRange();
    return this.pulses.results(principal.organizationId, principal, leaderId, count);
  }

  @Query(() => String, {
    description: 'pulseResults as CSV (RFC 4180), newest week first; a withheld group’s figures stay empty',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  pulseResultsCsv(
    @CurrentPerson() principal: PersonPrincipal,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args('weeks', { type: () => Int, nullable: true, defaultValue: 8, description: '1 to 52' }) weeks: number | null,
  ): Promise<string> {
    const count = weeks ?? 8;
    if (count < 1 || count > 52) throw PulseErrors.weeksOutOfRange();
    return this.pulses.resultsCsv(principal.organizationId, principal, leaderId, count);
  }
}
