import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

const URL_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const URL_MESSAGE = { message: 'must be an https URL' };

@InputType()
export class RegisterLtiPlatformInput {
  @Field({ description: 'The `iss` of its id_tokens, e.g. https://canvas.instructure.com' })
  @Trim()
  @IsString()
  @MaxLength(300)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false }, URL_MESSAGE)
  issuer!: string;

  @Field({ description: 'The client id the platform gave Tend (Canvas: the developer key id)' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  clientId!: string;

  @Field({ description: 'Its OIDC authorization endpoint' })
  @Trim()
  @IsString()
  @MaxLength(1000)
  @IsUrl(URL_RULE, URL_MESSAGE)
  authLoginUrl!: string;

  @Field({ description: 'Its OAuth 2 token endpoint' })
  @Trim()
  @IsString()
  @MaxLength(1000)
  @IsUrl(URL_RULE, URL_MESSAGE)
  tokenUrl!: string;

  @Field({ description: 'Where it publishes its public keys' })
  @Trim()
  @IsString()
  @MaxLength(1000)
  @IsUrl(URL_RULE, URL_MESSAGE)
  jwksUrl!: string;

  @Field(() => [String], { description: 'The deployment ids of Tend on the platform; 1 to 50' })
  @ArrayNotEmpty({ message: 'needs at least one deployment id' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'must not be empty' })
  @MaxLength(255, { each: true })
  deploymentIds!: string[];
}
