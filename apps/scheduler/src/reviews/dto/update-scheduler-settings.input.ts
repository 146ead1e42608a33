import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsNumber, IsOptional, Max, Min, NotEquals } from 'class-validator';
import {
  MAX_CAREER_CONVERSATION_EVERY_WEEKS,
  MIN_CAREER_CONVERSATION_EVERY_WEEKS,
} from '../../career-conversations/career-conversation-calendar';

@InputType()
export class UpdateSchedulerSettingsInput {
  @Field(() => Int, { nullable: true, description: '0-20 reviews a day' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  reviewsPerDay?: number | null;

  @Field(() => Float, { nullable: true, description: '0.70-0.99: higher brings cards back sooner' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.7)
  @Max(0.99)
  desiredRetention?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '0-10 workdays a leader takes each lesson before their team; applies to enrollments from now on',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  leaderLeadDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Streak repair: a streak survives one missed workday in this many lesson days, 2-30; 0 turns it off',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  @NotEquals(1, { message: 'must be 0 (off) or 2 to 30: one missed workday in one would keep every streak' })
  streakRepairOneIn?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `A career conversation with each direct report every ${MIN_CAREER_CONVERSATION_EVERY_WEEKS}-${MAX_CAREER_CONVERSATION_EVERY_WEEKS} weeks; 0 turns them off`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CAREER_CONVERSATION_EVERY_WEEKS)
  @NotEquals(1, {
    message: `must be 0 (off) or ${MIN_CAREER_CONVERSATION_EVERY_WEEKS} to ${MAX_CAREER_CONVERSATION_EVERY_WEEKS} weeks: a conversation every week is a one-on-one`,
  })
  careerConversationEveryWeeks?: number | null;
}
