import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

export const MAX_PROMPT_NOTE_LENGTH = 2000;

@InputType()
export class PromptResponseInput {
  @Field({ description: 'True when you had the conversation, false to skip this week' })
  @IsBoolean()
  done!: boolean;

  @Field(() => String, {
    nullable: true,
    description: `What you noticed or want to remember, up to ${MAX_PROMPT_NOTE_LENGTH} characters; it comes back with next week's prompt`,
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PROMPT_NOTE_LENGTH)
  note?: string | null;
}
