import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

export enum CoachingMomentKind {
  /** Something done well, which the person hears about in their next `today`. */
  RECOGNITION = 'RECOGNITION',
  /** Something to do differently, optionally with a follow-up lesson the next workday. */
  REDIRECTION = 'REDIRECTION',
}
registerEnumType(CoachingMomentKind, { name: 'CoachingMomentKind' });

@ObjectType({ description: 'What a leader noticed about one of their people, logged in under a minute' })
@Entity({ schema: 'scheduler', name: 'coaching_moments' })
@Index(['organizationId', 'leaderId', 'createdAt', 'id'])
@Index(['organizationId', 'personId', 'createdAt'])
export class CoachingMoment extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  leaderId!: string;

  @Column('uuid')
  personId!: string;

  @Field(() => CoachingMomentKind)
  @Column('text')
  kind!: CoachingMomentKind;

  @Field()
  @Column('text')
  whatHappened!: string;

  @Column('uuid', { nullable: true })
  relatedLessonId!: string | null;

  @Column('uuid', { nullable: true })
  followUpDeliveryId!: string | null;

  /** The person's local date on which their `today` first showed a recognition; it shows that whole day. */
  @Column('date', { nullable: true })
  firstShownOn!: string | null;

  @Field(() => GraphQLISODateTime)
  override createdAt!: Date;
}
