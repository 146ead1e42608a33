import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Trim } from '@tend/graphql';
import { WEBHOOK_EVENT_TYPES, WebhookEventType, WebhookEventTypeEnum } from '../webhook-event-types';

const EVENT_TYPES = WEBHOOK_EVENT_TYPES as readonly string[];

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'An https URL on a public address' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  url!: string;

  @Field(() => [WebhookEventTypeEnum], { description: 'The event types it hears; at least one' })
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one event type' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique({ message: 'names an event type twice' })
  @IsIn(EVENT_TYPES, { each: true })
  events!: WebhookEventType[];
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'is not a Tend id' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'An https URL on a public address' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [WebhookEventTypeEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one event type' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique({ message: 'names an event type twice' })
  @IsIn(EVENT_TYPES, { each: true })
  events?: WebhookEventType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true enables a disabled subscription: the messages that waited go out, then new ones',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType()
export class WebhookSubscriptionIdInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'is not a Tend id' })
  id!: string;
}

@InputType({ description: 'Which events go to the subscription again: by id, or every one since an instant' })
export class ReplayWebhookEventsInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'is not a Tend id' })
  subscriptionId!: string;

  @Field(() => [ID], { nullable: true, description: 'Event ids (webhook-id), at most 100' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true, message: 'is not a Tend id' })
  eventIds?: string[] | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Every event of the subscribed types recorded since then, at most 10,000 a call',
  })
  @IsOptional()
  @IsDate()
  since?: Date | null;
}
