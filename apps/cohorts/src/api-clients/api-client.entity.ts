import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import type { ApiScope } from '@tend/auth';
import { TenantEntity } from '@tend/database';
import { AllowedOperation } from './allowed-operation';

@ObjectType({ description: 'A third-party LMS that calls the API with a key of its own' })
@Entity({ schema: 'cohorts', name: 'api_clients' })
@Index(['organizationId', 'createdAt', 'id'])
export class ApiClient extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => [String])
  @Column('text', { array: true })
  scopes!: ApiScope[];

  @Column('text', { unique: true })
  keyPrefix!: string;

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

  @Field(() => [AllowedOperation], {
    nullable: true,
    description: 'The only operations the gateway runs for this client; null: any its scopes allow',
  })
  @Column('jsonb', { nullable: true })
  allowedOperations!: AllowedOperation[] | null;
}

@ObjectType({ description: 'A new API client with its key: the only time the key is shown' })
export class ApiClientSecret {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  scopes!: ApiScope[];

  @Field({ description: 'Send as `Authorization: Bearer <key>`; store it now, it cannot be shown again' })
  key!: string;
}
