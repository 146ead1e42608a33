import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';
import { LocalDateScalar } from '@tend/graphql';

@ObjectType({ description: 'A cohort taking a published track' })
@Entity({ schema: 'cohorts', name: 'enrollments' })
@Index(['cohortId', 'trackId'], { unique: true })
export class Enrollment extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  cohortId!: string;

  @Column('uuid')
  trackId!: string;

  /** The version published when the cohort enrolled; later versions do not change a running enrollment. */
  @Column('int')
  trackVersion!: number;

  @Field(() => LocalDateScalar, { description: 'The first day lessons may go out, in each learner’s own calendar' })
  @Column('date')
  startsOn!: string;
}
