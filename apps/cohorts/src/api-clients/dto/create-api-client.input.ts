import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { API_SCOPES } from '@tend/auth';
import { Trim } from '@tend/graphql';

@InputType()
export class CreateApiClientInput {
  @Field({ description: 'Which LMS this is, for the admins who manage keys' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  name!: string;

  @Field(() => [String], { description: API_SCOPES.join(', ') })
  @IsArray()
  @ArrayNotEmpty({ message: 'must name at least one scope' })
  @ArrayMaxSize(API_SCOPES.length)
  @IsString({ each: true })
  scopes!: string[];
}
