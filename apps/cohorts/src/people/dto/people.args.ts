import { ArgsType, Field } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '@tend/graphql';

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of a name or an email address, any case' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
