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
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '../../time-zones/is-iana-time-zone.validator';
import { Trim } from '@tend/graphql';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME_MESSAGE = 'must be a local time written HH:mm, e.g. 09:00';
const WEEKDAY_MESSAGE = 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)';

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
}
