import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

@InputType()
export class ConfigureIdentityProviderInput {
  @Field({ description: 'The `iss` of its tokens, an https URL; no other organization may use it' })
  @Trim()
  @IsString()
  @MaxLength(300)
  // http only for a provider on loopback where the deployment allows it (ALLOW_LOOPBACK_IDENTITY_PROVIDERS),
  // which the service checks, as for jwksUrl.
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an https URL' },
  )
  issuer!: string;

  @Field({ description: 'Where its public signing keys are published, an https URL' })
  @Trim()
  @IsString()
  @MaxLength(1000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an https URL' },
  )
  jwksUrl!: string;

  @Field({ description: 'The `aud` its tokens must carry' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(300)
  audience!: string;
}
