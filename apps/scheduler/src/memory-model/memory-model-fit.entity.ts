import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@tend/database';

export enum MemoryModelFitOutcome {
  /** The fitted parameters predicted the held-out reviews better, and are in use since. */
  ADOPTED = 'ADOPTED',
  /** The fitted parameters predicted the held-out reviews no better: the previous ones stay. */
  KEPT_PREVIOUS = 'KEPT_PREVIOUS',
  /** Fewer reviews than the fit needs: the previous parameters stay. */
  TOO_FEW_REVIEWS = 'TOO_FEW_REVIEWS',
  /** The optimizer failed: the previous parameters stay. */
  FAILED = 'FAILED',
}
registerEnumType(MemoryModelFitOutcome, { name: 'MemoryModelFitOutcome' });

const logLossDescription = "Log loss of the model's recall predictions on the held-out fifth of the learners' reviews";

/** One attempt of the weekly fit of an organization's FSRS parameters, whatever came of it. */
@ObjectType({ description: "One weekly attempt to fit the organization's FSRS parameters to its own reviews" })
@Entity({ schema: 'scheduler', name: 'memory_model_fits' })
export class MemoryModelFit extends TenantEntity {
  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  attemptedAt!: Date;

  @Field(() => MemoryModelFitOutcome)
  @Column('text')
  outcome!: MemoryModelFitOutcome;

  @Field(() => Int, { description: 'Rated reviews the attempt read' })
  @Column('int')
  reviewCount!: number;

  @Field(() => [Float], { nullable: true, description: 'The parameters the optimizer fitted, adopted or not' })
  @Column('float8', { array: true, nullable: true })
  parameters!: number[] | null;

  @Field(() => Float, { nullable: true, description: `${logLossDescription}, with the fitted parameters` })
  @Column('float8', { nullable: true })
  heldOutLogLoss!: number | null;

  @Field(() => Float, { nullable: true, description: `${logLossDescription}, with the parameters in use before` })
  @Column('float8', { nullable: true })
  previousHeldOutLogLoss!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the previous parameters stayed, in words' })
  @Column('text', { nullable: true })
  detail!: string | null;
}
