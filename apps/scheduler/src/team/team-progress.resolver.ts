import { Context, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { RequestContext } from '@tend/auth';
import { LessonReference, PersonReference } from '../deliveries/federated-references';
import { TeamProgressService } from './team-progress.service';

/** The scheduler's fields on cohorts' Person: where they are on their tracks. */
@Resolver(() => PersonReference)
export class TeamProgressResolver {
  constructor(private readonly progress: TeamProgressService) {}

  @ResolveReference()
  resolveReference(reference: { id: string }): PersonReference {
    return { id: reference.id };
  }

  @ResolveField(() => LessonReference, {
    nullable: true,
    description: 'The lesson they got last; null before their first, or for a caller who may not see their progress',
  })
  async currentLesson(
    @Parent() person: PersonReference,
    @Context() context: RequestContext,
  ): Promise<LessonReference | null> {
    const progress = await this.progress.progressOf(context, person.id);
    return progress?.currentLessonId ? { id: progress.currentLessonId } : null;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Workdays in a row with every lesson done that day; null for a caller who may not see their progress',
  })
  async streak(@Parent() person: PersonReference, @Context() context: RequestContext): Promise<number | null> {
    return (await this.progress.progressOf(context, person.id))?.streak ?? null;
  }
}
