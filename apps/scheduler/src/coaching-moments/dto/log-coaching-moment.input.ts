import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';
import { CoachingMomentKind } from '../coaching-moment.entity';

@InputType()
export class LogCoachingMomentInput {
  @Field(() => ID, { description: 'Someone who reports to you, directly or not' })
  @IsUUID(undefined, { message: 'is not a Tend id' })
  personId!: string;

  @Field({ description: 'What happened, in a sentence or two' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(1000)
  whatHappened!: string;

  @Field(() => CoachingMomentKind)
  @IsEnum(CoachingMomentKind)
  kind!: CoachingMomentKind;

  @Field(() => ID, { nullable: true, description: 'A lesson of a track the person is enrolled in' })
  @IsOptional()
  @IsUUID(undefined, { message: 'is not a Tend id' })
  relatedLessonId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'For a redirection: the related lesson again, with the next workday’s lesson',
  })
  @IsOptional()
  @IsBoolean()
  assignFollowUp?: boolean | null;
}
