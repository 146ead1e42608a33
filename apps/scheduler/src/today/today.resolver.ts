import { Context, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, RequestContext } from '@tend/auth';
import { CurrentPerson } from '@tend/graphql';
import { Today } from './today.type';
import { TodayService } from './today.service';

@Resolver(() => Today)
export class TodayResolver {
  constructor(private readonly todayService: TodayService) {}

  @Query(() => Today, { description: "The caller's items for their local today" })
  today(@CurrentPerson() principal: PersonPrincipal, @Context() context: RequestContext): Promise<Today> {
    return this.todayService.today(principal.organizationId, principal.personId, context);
  }
}
