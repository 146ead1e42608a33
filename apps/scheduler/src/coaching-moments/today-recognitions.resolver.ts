import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonPrincipal } from '@tend/auth';
import { CurrentPerson } from '@tend/graphql';
import { Today } from '../today/today.type';
import { CoachingMoment } from './coaching-moment.entity';
import { CoachingMomentService } from './coaching-moment.service';

@Resolver(() => Today)
export class TodayRecognitionsResolver {
  constructor(private readonly coachingMoments: CoachingMomentService) {}

  @ResolveField(() => [CoachingMoment], {
    description: 'What your leader noticed you doing well, shown on the day you first see it',
  })
  recognitions(@CurrentPerson() principal: PersonPrincipal, @Parent() today: Today): Promise<CoachingMoment[]> {
    return this.coachingMoments.recognitionsFor(principal.organizationId, principal.personId, today.date);
  }
}
