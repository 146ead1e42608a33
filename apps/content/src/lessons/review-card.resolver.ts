import { Resolver, ResolveReference } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequestContext } from '@tend/auth';
import { callerOf } from '@tend/graphql';
import { ReviewCard } from './lesson.entity';

/** A spaced review's card, which the scheduler points at (`Delivery.card`); within the caller's organization only. */
@Resolver(() => ReviewCard)
export class ReviewCardResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Apollo calls this as (reference, context). */
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext): Promise<ReviewCard | null> {
    if (!isUUID(reference.id)) return null;
    const { organizationId } = callerOf(context);
    return this.dataSource.getRepository(ReviewCard).findOneBy({ organizationId, id: reference.id });
  }
}
