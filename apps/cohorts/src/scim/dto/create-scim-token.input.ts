import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

@InputType()
export class CreateScimTokenInput {
  @Field({ description: 'Which identity provider this is, e.g. "Okta"' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  name!: string;
}
