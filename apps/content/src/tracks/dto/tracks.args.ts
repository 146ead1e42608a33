import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { PageArgs } from '@tend/graphql';
import { TrackStatus } from '../track.entity';

@ArgsType()
export class TracksArgs extends PageArgs {
  @Field(() => TrackStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TrackStatus)
  status?: TrackStatus;
}
