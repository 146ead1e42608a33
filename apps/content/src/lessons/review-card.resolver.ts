import { Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { RequestContext } from '@tend/auth';
import { ReviewCard } from './lesson.entity';
import { LessonService } from './lesson.service';

/** A spaced review's card, which the scheduler points at (`Delivery.card`); within the caller's organization only. */
@Resolver(() => ReviewCard)
export class ReviewCardResolver {
  constructor(private readonly lessons: LessonService) {}

  /** Apollo calls this as (reference, context). */
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext): Promise<ReviewCard | null> {
    if (!isUUID(reference.id)) return null;
    return (await this.lessons.loadersFor(context).reviewCardById.load(reference.id)) ?? null;
  }
}
