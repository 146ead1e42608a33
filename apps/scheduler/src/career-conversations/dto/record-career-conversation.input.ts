import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';
import { CareerConversationOutcome } from '../career-conversation.types';

export const MAX_CAREER_CONVERSATION_NOTE_LENGTH = 2000;

@InputType()
export class RecordCareerConversationInput {
  @Field(() => CareerConversationOutcome, { description: 'DONE when you had the conversation, SKIPPED when not' })
  @IsEnum(CareerConversationOutcome)
  outcome!: CareerConversationOutcome;

  @Field(() => String, {
    nullable: true,
    description: `What you agreed or want to remember, up to ${MAX_CAREER_CONVERSATION_NOTE_LENGTH} characters; cleared if the person's data is erased`,
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CAREER_CONVERSATION_NOTE_LENGTH)
  note?: string | null;
}
