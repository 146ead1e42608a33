import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Trim } from '@tend/graphql';
import { MAX_REFLECTION_LENGTH } from '../lesson-grader';

@InputType()
export class CompleteLessonInput {
  @Field(() => [Int], {
    nullable: true,
    description: 'QUIZ and SCENARIO lessons: the index of the chosen answer for each question, in order',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true, message: 'each answer must be a choice index, 0 or more' })
  answers?: number[] | null;

  @Field(() => String, {
    nullable: true,
    description: `REFLECTION lessons: what the learner takes away, 1-${MAX_REFLECTION_LENGTH} characters`,
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REFLECTION_LENGTH)
  reflection?: string | null;
}
