import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '../../time-zones/is-iana-time-zone.validator';
import { LocalDateScalar, Trim } from '@tend/graphql';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME_MESSAGE = 'must be a local time written HH:mm, e.g. 09:00';
const WEEKDAY_MESSAGE = 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)';

@InputType()
export class QuietHoursInput {
  @Field({ description: 'HH:mm, local: from then on nothing is sent' })
  @IsString()
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  start!: string;

  @Field({ description: 'HH:mm, local: sending resumes; earlier than start when the quiet hours span midnight' })
  @IsString()
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  end!: string;
}

@InputType()
export class CadenceInput {
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday ... 7 = Sunday' })
  @IsArray()
  @ArrayNotEmpty({ message: 'needs at least one day' })
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'must not repeat a day' })
  @IsInt({ each: true, message: WEEKDAY_MESSAGE })
  @Min(1, { each: true, message: WEEKDAY_MESSAGE })
  @Max(7, { each: true, message: WEEKDAY_MESSAGE })
  daysOfWeek!: number[];

  @Field({ description: 'Local time of the daily lesson, HH:mm' })
  @IsString()
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  lessonTime!: string;

  @Field(() => Int, { description: 'ISO weekday of the leaders’ weekly prompt' })
  @IsInt()
  @Min(1, { message: 'must be an ISO weekday, 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be an ISO weekday, 1 (Monday) to 7 (Sunday)' })
  promptDay!: number;

  @Field({ description: 'Local time of the leaders’ weekly prompt, HH:mm' })
  @IsString()
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  promptTime!: string;

  @Field(() => QuietHoursInput, {
    nullable: true,
    description: 'Nothing is sent between these local times; the lesson and prompt times must lie outside them',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursInput)
  quietHours?: QuietHoursInput | null;

  @Field(() => [LocalDateScalar], {
    nullable: true,
    description: 'Local dates without lessons: public holidays, a pause for the season; at most 366',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @ArrayUnique({ message: 'must not repeat a date' })
  holidays?: string[] | null;
}

@InputType()
export class CreateCohortInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  name!: string;

  @Field({ description: 'IANA time zone of members who have none of their own' })
  @Trim()
  @IsIanaTimeZone()
  timezone!: string;

  @Field(() => CadenceInput)
  @IsDefined()
  @ValidateNested()
  @Type(() => CadenceInput)
  cadence!: CadenceInput;

  @Field(() => Int, {
    nullable: true,
    description: '0-100 (default 0): someone in several cohorts gets the day’s one new lesson from the highest',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  priority?: number | null;
}
