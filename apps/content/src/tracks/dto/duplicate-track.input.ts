import { Field, ID, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

@InputType()
export class DuplicateTrackInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'is not a Tend id' })
  trackId!: string;

  @Field(() => String, { nullable: true, description: 'The copy’s title; by default the original’s, marked as a copy' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  title?: string | null;
}
