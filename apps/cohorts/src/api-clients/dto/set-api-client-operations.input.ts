import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const MAX_ALLOWED_OPERATIONS = 200;
export const MAX_OPERATION_LENGTH = 20_000;

@InputType()
export class SetApiClientOperationsInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'is not a Tend id' })
  apiClientId!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'GraphQL documents, one operation each: the only ones the gateway will run for this client, ' +
      'sent in full or by their SHA-256 (extensions.persistedQuery.sha256Hash). Null lifts the restriction.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALLOWED_OPERATIONS)
  @IsString({ each: true })
  @MaxLength(MAX_OPERATION_LENGTH, { each: true })
  operations?: string[] | null;
}
