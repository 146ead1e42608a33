import { Context, Directive, Float, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { RequestContext } from '@tend/auth';
import { LessonReference, PersonReference } from '../deliveries/federated-references';
import { PROGRESS_WINDOW_DAYS, TeamProgressService } from './team-progress.service';

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
  // Its title in the track's default locale, as content serves a lesson reached without a reader.
  @Directive('@provides(fields: "title")')
  async currentLesson(
    @Parent() person: PersonReference,
    @Context() context: RequestContext,
  ): Promise<LessonReference | null> {
    return (await this.progress.progressOf(context, person.id))?.currentLesson ?? null;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Workdays in a row with every lesson done that day; null for a caller who may not see their progress',
  })
  async streak(@Parent() person: PersonReference, @Context() context: RequestContext): Promise<number | null> {
    return (await this.progress.progressOf(context, person.id))?.streak ?? null;
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: `Share of the lessons due in the last ${PROGRESS_WINDOW_DAYS} days that are done, 0 to 1; null without lessons due, or for a caller who may not see their progress`,
  })
  async lessonCompletion(
    @Parent() person: PersonReference,
    @Context() context: RequestContext,
  ): Promise<number | null> {
    const progress = await this.progress.progressOf(context, person.id);
    return progress && progress.lessonsDue > 0 ? round(progress.lessonsCompleted / progress.lessonsDue) : null;
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: `Share of the reviews rated in the last ${PROGRESS_WINDOW_DAYS} days that were recalled (not AGAIN), 0 to 1; null without rated reviews`,
  })
  async reviewRecall(@Parent() person: PersonReference, @Context() context: RequestContext): Promise<number | null> {
    const progress = await this.progress.progressOf(context, person.id);
    return progress && progress.reviewsRated > 0 ? round(progress.reviewsRecalled / progress.reviewsRated) : null;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Redirections logged about them whose follow-up lesson is not done yet',
  })
  async openCoachingMoments(
    @Parent() person: PersonReference,
    @Context() context: RequestContext,
  ): Promise<number | null> {
    return (await this.progress.progressOf(context, person.id))?.openCoachingMoments ?? null;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
