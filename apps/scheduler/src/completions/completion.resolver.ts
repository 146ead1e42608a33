import { Args, Mutation, Resolver } from '@nestjs/graphql';
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
}
