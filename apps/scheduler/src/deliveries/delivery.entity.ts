import { Directive, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';
import type { PromptResponseKind, StoredLeaderPrompt } from '../leader-prompts/leader-prompt.types';
import { ReviewItemKind } from '../reviews/card-state.entity';
import { ReviewRating } from '../reviews/review-scheduler';

export enum DeliveryKind {
  LESSON = 'LESSON',
  REVIEW = 'REVIEW',
  LEADER_PROMPT = 'LEADER_PROMPT',
  /** The next morning's reminder of a lesson left undone. */
  NUDGE = 'NUDGE',
  /** Every few weeks, a leader's career conversation with one direct report (`careerConversation`). */
  CAREER_CONVERSATION = 'CAREER_CONVERSATION',
}
registerEnumType(DeliveryKind, { name: 'DeliveryKind' });

export enum DeliveryStatus {
  SCHEDULED = 'SCHEDULED',
  SENT = 'SENT',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

/** How a delivery reaches its person; in-app deliveries need no job, `today` reads them. */
export enum DeliveryChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  /** Posted to the organization's signed webhook endpoint. */
  WEBHOOK = 'WEBHOOK',
}

@ObjectType({
  description: "One item of a person's day: a lesson, a spaced review, a leader's prompt or career conversation",
})
@Directive('@key(fields: "id")')
@Entity({ schema: 'scheduler', name: 'deliveries' })
@Index(['organizationId', 'personId', 'localDate'])
export class Delivery extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  personId!: string;

  @Field(() => DeliveryKind)
  @Column('text')
  kind!: DeliveryKind;

  @Column('uuid', { nullable: true })
  lessonId!: string | null;

  @Column('uuid', { nullable: true })
  cardId!: string | null;

  @Field(() => ReviewItemKind, {
    nullable: true,
    description:
      'A REVIEW brings back a CARD, rated with reviewCard, or a QUESTION once missed, answered with answerReview',
  })
  @Column('text', { nullable: true })
  reviewOf!: ReviewItemKind | null;

  @Column('uuid', { nullable: true })
  enrollmentId!: string | null;

  /** A CAREER_CONVERSATION's report: the person the leader talks with. */
  @Column('uuid', { nullable: true })
  subjectId!: string | null;

  /** A NUDGE's lesson delivery: the one to complete. */
  @Column('uuid', { nullable: true })
  reminderOf!: string | null;

  /** The person's calendar day it belongs to, YYYY-MM-DD; one lesson a day. */
  @Column('date')
  localDate!: string;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  @Field(() => DeliveryStatus)
  @Column('text')
  status!: DeliveryStatus;

  @Column('text')
  channel!: DeliveryChannel;

  @Field(() => String, { nullable: true, description: "A leader prompt's question; null for lessons and reviews" })
  @Column('text', { nullable: true })
  prompt!: string | null;

  /** A leader prompt's week as the planner saw it; see `StoredLeaderPrompt`. */
  @Column('jsonb', { nullable: true })
  promptDetails!: StoredLeaderPrompt | null;

  /** A leader prompt's answer or a career conversation's outcome, DONE or SKIPPED, with the leader's note. */
  @Column('text', { nullable: true })
  response!: PromptResponseKind | null;

  @Column('text', { nullable: true })
  responseNote!: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  @Column('int', { array: true, nullable: true })
  answers!: number[] | null;

  @Column('text', { nullable: true })
  reflection!: string | null;

  @Column('int', { nullable: true })
  correct!: number | null;

  @Column('int', { nullable: true })
  total!: number | null;

  @Field(() => ReviewRating, { nullable: true, description: "A review's rating, once the learner gave it" })
  @Column('text', { nullable: true })
  rating!: ReviewRating | null;

  /** Send attempts through the delivery's channel. */
  @Column('int', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  /** Until when a send holds the delivery (`DeliverySender`), so two runs of its job never both send it. */
  @Column('timestamptz', { nullable: true })
  sendClaimedUntil!: Date | null;
}
