import { Field, Float, ObjectType } from '@nestjs/graphql';
import { MemoryModelFit } from './memory-model-fit.entity';

/** The FSRS model the organization's reviews are scheduled with, and where its parameters came from. */
@ObjectType({
  description:
    "The FSRS model the organization's reviews are scheduled with: FSRS's defaults until a weekly fit to the organization's own reviews predicts them better",
})
export class MemoryModel {
  @Field(() => [Float], { description: 'The FSRS parameters in use' })
  parameters!: number[];

  @Field(() => MemoryModelFit, {
    nullable: true,
    description: "The fit whose parameters are in use; null while FSRS's defaults are",
  })
  fittedBy!: MemoryModelFit | null;

  @Field(() => MemoryModelFit, { nullable: true, description: 'The latest attempt, adopted or not' })
  lastAttempt!: MemoryModelFit | null;
}
