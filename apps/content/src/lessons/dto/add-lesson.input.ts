import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LessonKind } from '../lesson.entity';
import { Trim } from '@tend/graphql';
import { TagList } from './tag-list.transform';

@InputType({ description: 'What a learner learns after picking one choice' })
export class ChoiceFeedbackInput {
  @Field({ description: 'Why this choice is right or wrong' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(1000)
  explanation!: string;

  @Field(() => String, { nullable: true, description: 'SCENARIO lessons: what happens next with the customer' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  consequence?: string | null;
}

@InputType()
export class QuestionInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(1000)
  prompt!: string;

  @Field(() => [String])
  @ArrayMinSize(2, { message: 'a question needs 2 to 6 choices' })
  @ArrayMaxSize(6, { message: 'a question needs 2 to 6 choices' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'choices must not be empty' })
  @MaxLength(500, { each: true })
  choices!: string[];

  @Field(() => Int, { description: 'Index into choices of the one correct answer' })
  @IsInt()
  @Min(0)
  @Max(5)
  correctIndex!: number;

  @Field(() => String, { nullable: true, description: 'Shown to the learner after they answer' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  explanation?: string | null;

  @Field(() => [ChoiceFeedbackInput], {
    nullable: true,
    description: 'One per choice, in the same order; QUIZ and SCENARIO questions need them',
  })
  @IsOptional()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => ChoiceFeedbackInput)
  choiceFeedback?: ChoiceFeedbackInput[] | null;
}

@InputType()
export class ReviewCardInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(500)
  front!: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(1000)
  back!: string;
}

@InputType()
export class AddLessonInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  title!: string;

  @Field(() => LessonKind)
  @IsEnum(LessonKind)
  kind!: LessonKind;

  @Field({ description: 'Markdown, at most 20,000 characters' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(20_000)
  body!: string;

  @Field(() => Int, { description: 'How long the lesson takes, 1-10 minutes' })
  @IsInt()
  @Min(1, { message: 'a lesson takes 1 to 10 minutes' })
  @Max(10, { message: 'a lesson takes 1 to 10 minutes' })
  minutes!: number;

  @Field(() => [QuestionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => QuestionInput)
  questions?: QuestionInput[] | null;

  @Field(() => [ReviewCardInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5, { message: 'a lesson has at most 5 review cards' })
  @ValidateNested({ each: true })
  @Type(() => ReviewCardInput)
  reviewCards?: ReviewCardInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The question a leader asks the team the week this lesson goes out',
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  leaderPrompt?: string | null;

  @Field(() => [String], { nullable: true, description: 'Competencies such as listening or service recovery' })
  @TagList()
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What the leader listens for in the answers' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  leaderListenFor?: string | null;
}
