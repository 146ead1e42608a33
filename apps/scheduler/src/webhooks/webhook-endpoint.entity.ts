import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@tend/database';

/** Where an organization's deliveries are posted, signed per Standard Webhooks; one per organization. */
@ObjectType({ description: "The organization's webhook endpoint; its secret is shown only when it is registered" })
@Entity({ schema: 'scheduler', name: 'webhook_endpoints' })
export class WebhookEndpoint extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field()
  @Column('text')
  url!: string;

  /** `whsec_` and base64 of 32 random bytes; the HMAC-SHA256 key. */
  @Column('text')
  secret!: string;

  @Field(() => GraphQLISODateTime)
  override createdAt!: Date;
}

@ObjectType({ description: 'A webhook endpoint just registered, with the signing secret shown this once' })
export class WebhookEndpointSecret {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field({ description: "whsec_<base64>: verify each request's webhook-signature with it (Standard Webhooks)" })
  secret!: string;
}
