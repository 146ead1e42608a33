import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "The organization's own identity provider, whose tokens sign its people in" })
export class IdentityProvider {
  @Field({ description: 'The `iss` of its tokens' })
  issuer!: string;

  @Field({ description: 'Where its public signing keys are published' })
  jwksUrl!: string;

  @Field({ description: 'The `aud` its tokens must carry' })
  audience!: string;
}
