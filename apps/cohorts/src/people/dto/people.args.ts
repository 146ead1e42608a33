import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs, Trim } from '@tend/graphql';

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of a name or an email address, any case' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
