import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';
import { WebhookEventType, WebhookEventTypeEnum } from './webhook-event-types';

/** An endpoint that hears the organization's events, signed per Standard Webhooks; its secrets are never shown again. */
@ObjectType({ description: 'An https endpoint subscribed to event types; its signing secret is shown only when made' })
@Entity({ schema: 'scheduler', name: 'webhook_subscriptions' })
@Index(['organizationId', 'createdAt'])
export class WebhookSubscription extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field()
  @Column('text')
  url!: string;

  @Field(() => [WebhookEventTypeEnum])
  @Column('text', { array: true })
  events!: WebhookEventType[];

  /** `whsec_` and base64 of 32 random bytes. */
  @Column('text')
  secret!: string;

  /** The secret before the last rotation, which signs too until `previousSecretExpiresAt`. */
  @Column('text', { nullable: true })
  previousSecret!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until then messages carry a signature made with the secret before the last rotation too',
  })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Field(() => Boolean, {
    description: 'False once disabled: by a 410, by the last retry of a message, or by many failures in a row',
  })
  get enabled(): boolean {
    return this.disabledAt === null;
  }

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why Tend disabled it; messages wait until it is enabled again' })
  @Column('text', { nullable: true })
  disabledReason!: string | null;

  @Field(() => Int, { description: 'Attempts that failed since the last one that succeeded' })
  @Column('integer', { default: 0 })
  consecutiveFailures!: number;

  @Field(() => GraphQLISODateTime)
  override createdAt!: Date;
}

@ObjectType({
  description: 'A subscription just made, or its secret just rotated, with the signing secret shown this once',
})
export class WebhookSubscriptionWithSecret {
  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscription;

  @Field({ description: "whsec_<base64>: verify each request's webhook-signature with it (Standard Webhooks)" })
  secret!: string;
}

export enum WebhookAttemptOutcome {
  /** Sent, and the answer not recorded yet, or never: the sender stopped meanwhile, and the message goes again. */
  IN_FLIGHT = 'IN_FLIGHT',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookAttemptOutcome, { name: 'WebhookAttemptOutcome' });

/** One try to deliver one event to one subscription. */
@ObjectType({ description: 'One attempt to deliver an event to a subscription' })
@Entity({ schema: 'scheduler', name: 'webhook_attempts' })
@Index(['subscriptionId', 'createdAt', 'id'])
export class WebhookDelivery extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  subscriptionId!: string;

  @Column('uuid')
  messageId!: string;

  @Field(() => ID, { description: "The event's id: every attempt and replay of it carries it as webhook-id" })
  @Column('uuid')
  eventId!: string;

  @Field(() => WebhookEventTypeEnum)
  @Column('text')
  eventType!: WebhookEventType;

  @Field(() => Int, { description: '1 for the first try of the message, counting again from 1 after a replay' })
  @Column('integer')
  attempt!: number;

  @Field(() => WebhookAttemptOutcome)
  @Column('text')
  outcome!: WebhookAttemptOutcome;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status; null when it did not answer" })
  @Column('integer', { nullable: true })
  statusCode!: number | null;

  @Field(() => Int, { nullable: true })
  @Column('integer', { nullable: true })
  durationMs!: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  error!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the attempt started' })
  get attemptedAt(): Date {
    return this.createdAt;
  }
}

@ObjectType({ description: 'What a replay scheduled' })
export class WebhookReplay {
  @Field(() => Int, { description: 'Events that go to the subscription again, with their original webhook-id' })
  replayed!: number;
}
