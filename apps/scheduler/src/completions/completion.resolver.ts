import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import { PersonPrincipal } from '@tend/auth';
import { CurrentPerson, IdArg } from '@tend/graphql';
import { CompletionService } from './completion.service';
import { CompleteLessonInput } from './dto/complete-lesson.input';
import { LessonResult } from './lesson-result.type';

@Resolver(() => LessonResult)
export class CompletionResolver {
  constructor(private readonly completions: CompletionService) {}

  @Mutation(() => LessonResult, { description: 'Completes one of your own lessons and grades it' })
  completeLesson(
    @CurrentPerson() principal: PersonPrincipal,
    @IdArg('deliveryId') deliveryId: string,
    @Args('input') input: CompleteLessonInput,
  ): Promise<LessonResult> {
    return this.completions.completeLesson(principal.organizationId, principal.personId, deliveryId, input);
  }

  @Mutation(() => LessonResult, {
    description:
      'Answers one of your own question reviews (a question you once got wrong) with the index of your choice; it is graded, and comes back sooner when missed again',
  })
  answerReview(
    @CurrentPerson() principal: PersonPrincipal,
    @IdArg('deliveryId') deliveryId: string,
    @Args('choice', { type: () => Int }) choice: number,
  ): Promise<LessonResult> {
    return this.completions.answerReview(principal.organizationId, principal.personId, deliveryId, choice);
  }
}
