import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs, Trim, TrimLowerCase } from '@tend/graphql';
import { TrackStatus } from '../track.entity';

@ArgsType()
export class TracksArgs extends PageArgs {
  @Field(() => TrackStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TrackStatus)
  status?: TrackStatus;

  @Field(() => String, { nullable: true, description: 'Part of the title or summary, any case' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field(() => String, { nullable: true, description: 'A competency on the track or one of its lessons' })
  @TrimLowerCase()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;
}
