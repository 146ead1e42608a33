import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '@tend/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';
import { CohortRule } from '../cohort-rules/cohort-rule';

@ObjectType({ description: 'Local times between which nothing is sent; they may span midnight' })
export class QuietHours {
  @Field({ description: 'HH:mm' })
  start!: string;

  @Field({ description: 'HH:mm' })
  end!: string;
}

/** When a cohort's lessons and its leaders' prompts go out, in local time. */
@ObjectType()
export class Cadence {
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday ... 7 = Sunday' })
  @Column('int', { array: true })
  daysOfWeek!: number[];

  @Field({ description: 'Local time of the daily lesson, HH:mm' })
  @Column('text')
  lessonTime!: string;

  @Field(() => Int, { description: 'ISO weekday of the leaders’ weekly prompt' })
  @Column('int')
  promptDay!: number;

  @Field({ description: 'Local time of the leaders’ weekly prompt, HH:mm' })
  @Column('text')
  promptTime!: string;

  @Field(() => QuietHours, { nullable: true })
  @Column('jsonb', { nullable: true })
  quietHours!: QuietHours | null;

  @Field(() => [LocalDateScalar], { description: 'Local dates without lessons, in order' })
  @Column('text', { array: true })
  holidays!: string[];
}

@ObjectType({ description: 'People who take the same tracks on the same cadence' })
// The scheduler's analytics name a cohort by reference; its fields come from here.
@Directive('@key(fields: "id")')
@Entity({ schema: 'cohorts', name: 'cohorts' })
@Index(['organizationId', 'createdAt', 'id'])
export class Cohort extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'IANA time zone of members who have none of their own' })
  @Column('text')
  timezone!: string;

  @Field(() => Cadence)
  @Column(() => Cadence, { prefix: false })
  cadence!: Cadence;

  @Field(() => Int, {
    description: 'Someone in several cohorts gets one new lesson a day: from the cohort of highest priority (0-100)',
  })
  @Column('int', { default: 0 })
  priority!: number;

  @Field(() => CohortRule, { nullable: true, description: 'Who belongs by rule, kept current as people change' })
  @Column('jsonb', { nullable: true })
  rule!: CohortRule | null;
}
