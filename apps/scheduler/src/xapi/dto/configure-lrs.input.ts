import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';
import { LrsActorFormat, LrsVersion } from '../lrs.types';

@InputType({ description: "The organization's learning record store; configuring it again replaces it" })
export class ConfigureLrsInput {
  @Field({ description: 'The xAPI endpoint (https, public address); statements go to {endpoint}/statements' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  endpoint!: string;

  @Field({ description: 'Basic auth user name (an LRS calls it the key)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  username!: string;

  @Field({ description: 'Basic auth password (the secret); stored encrypted, never shown again' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  password!: string;

  @Field(() => LrsVersion, { nullable: true, description: 'xAPI version the LRS speaks; 2.0.0 when left out' })
  @IsOptional()
  @IsEnum(LrsVersion)
  version?: LrsVersion | null;

  @Field({ description: "The organization's home page: the actor account's homePage and the root of activity ids" })
  @Trim()
  @IsString()
  @MaxLength(2000)
  homePage!: string;

  @Field(() => LrsActorFormat, {
    nullable: true,
    description: 'ACCOUNT (the person id, the default) or MBOX (the email address: the organization opts in)',
  })
  @IsOptional()
  @IsEnum(LrsActorFormat)
  actorFormat?: LrsActorFormat | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether a reflection's text goes in the completed statement's result.response; false by default",
  })
  @IsOptional()
  @IsBoolean()
  sendReflections?: boolean | null;
}
