import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

@ObjectType({ description: 'What an identity provider (Okta, Entra ID) provisions people with, over SCIM 2.0' })
@Entity({ schema: 'cohorts', name: 'scim_tokens' })
@Index(['organizationId', 'createdAt', 'id'])
export class ScimToken extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field({ description: 'Which identity provider this is, for the admins who manage tokens' })
  @Column('text')
  name!: string;

  @Column('text', { unique: true })
  tokenPrefix!: string;

  @Column('text')
  secretHash!: string;

  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @Field(() => GraphQLISODateTime)
  override createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'To the minute' })
  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A new SCIM token with its secret: the only time the secret is shown' })
export class ScimTokenSecret {
  @Field(() => ScimToken)
  scimToken!: ScimToken;

  @Field({ description: 'The identity provider sends it as `Authorization: Bearer <token>`; it cannot be shown again' })
  token!: string;
}
