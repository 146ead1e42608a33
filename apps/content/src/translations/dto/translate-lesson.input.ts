import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@tend/graphql';
import { ChoiceFeedbackInput } from '../../lessons/dto/add-lesson.input';

@InputType()
export class TranslatedQuestionInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(1000)
  prompt!: string;

  @Field(() => [String], { description: 'In the same order as the original choices' })
  @ArrayMinSize(2, { message: 'a question needs 2 to 6 choices' })
  @ArrayMaxSize(6, { message: 'a question needs 2 to 6 choices' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'choices must not be empty' })
  @MaxLength(500, { each: true })
  choices!: string[];

  @Field(() => [ChoiceFeedbackInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => ChoiceFeedbackInput)
  choiceFeedback?: ChoiceFeedbackInput[] | null;
}

/** A lesson’s text in one more locale, whether sent by `translateLesson` or inside an imported track file. */
@InputType({ isAbstract: true })
export class LessonTranslationInput {
  @Field({ description: 'A BCP 47 language tag other than the track’s default, such as fr or pt-BR' })
  @IsString()
  @MaxLength(35)
  locale!: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  title!: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(20_000)
  body!: string;

  @Field(() => [TranslatedQuestionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => TranslatedQuestionInput)
  questions?: TranslatedQuestionInput[] | null;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  leaderPrompt?: string | null;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  leaderListenFor?: string | null;
}

@InputType({ description: 'A lesson of a draft version in one more locale; sending it again replaces it' })
export class TranslateLessonInput extends LessonTranslationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'is not a Tend id' })
  lessonId!: string;
}
