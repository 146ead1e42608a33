import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, Roles, Scopes } from '@tend/graphql';
import { Cohort } from '../cohorts/cohort.entity';
import { CohortRule } from './cohort-rule';
import { CohortRuleService } from './cohort-rule.service';

@Resolver(() => Cohort)
export class CohortRuleResolver {
  constructor(private readonly cohortRules: CohortRuleService) {}

  @Mutation(() => Cohort, {
    description:
      'Who belongs by rule (team, location, role, a leader’s subtree), kept current as people change; null clears ' +
      'the rule and the members it brought in. Members added by hand stay either way.',
  })
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  setCohortRule(
    @CurrentPrincipal() principal: Caller,
    @IdArg('cohortId') cohortId: string,
    @Args('rule', { type: () => CohortRule, nullable: true }) rule: CohortRule | null,
  ): Promise<Cohort> {
    return this.cohortRules.setRule(principal.organizationId, cohortId, rule);
  }
}
