import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

@InputType()
export class RegisterWebhookEndpointInput {
  @Field({ description: 'An https URL on a public address; it replaces the current endpoint' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  url!: string;
}
