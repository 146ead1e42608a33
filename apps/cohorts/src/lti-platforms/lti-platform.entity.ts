import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

@ObjectType({ description: 'An LMS (Canvas, Moodle ...) that launches Tend as its LTI 1.3 tool' })
@Entity({ schema: 'cohorts', name: 'lti_platforms' })
@Index(['organizationId', 'createdAt', 'id'])
export class LtiPlatform extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field({ description: 'The `iss` of its id_tokens' })
  @Column('text')
  issuer!: string;

  @Field({ description: 'The client id the platform gave Tend: the `aud` of its id_tokens' })
  @Column('text')
  clientId!: string;

  @Field({ description: 'Its OIDC authorization endpoint, where a login continues' })
  @Column('text')
  authLoginUrl!: string;

  @Field({ description: 'Its OAuth 2 token endpoint, for the grade services' })
  @Column('text')
  tokenUrl!: string;

  @Field({ description: 'Where it publishes the keys its id_tokens are signed with' })
  @Column('text')
  jwksUrl!: string;

  @Field(() => [String], { description: 'The deployments of Tend on the platform that may launch it' })
  @Column('text', { array: true })
  deploymentIds!: string[];

  @Field(() => GraphQLISODateTime)
  override createdAt!: Date;
}
