import { Directive, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { Role } from '@tend/auth';
import { TenantEntity } from '@tend/database';
import { Channel } from './channel';

registerEnumType(Role, { name: 'Role' });

/** The roles people may report to; a learner leads no one. */
export const LEADER_ROLES: readonly Role[] = [Role.LEADER, Role.ADMIN];

@ObjectType({ description: 'Someone in the organization: an HR admin, a leader or a learner' })
@Directive('@key(fields: "id")')
@Entity({ schema: 'cohorts', name: 'people' })
@Index(['organizationId', 'email'], { unique: true })
@Index(['organizationId', 'createdAt', 'id'])
@Index(['organizationId', 'leaderId'])
@Index(['organizationId', 'externalId'], { unique: true })
export class Person extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field({ description: 'Lowercase' })
  @Column('text')
  email!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => Role)
  @Column('text')
  role!: Role;

  @Field({ description: 'IANA time zone; it wins over the cohort’s' })
  @Column('text')
  timezone!: string;

  @Field({ description: 'BCP 47 language tag, e.g. fr-CA: the language lessons and messages are sent in' })
  @Column('text')
  locale!: string;

  @Field(() => String, { nullable: true, description: 'The id of this person in the HRIS; unique in the organization' })
  @Column('text', { nullable: true })
  externalId!: string | null;

  /** The HRIS's employee number, as SCIM's enterprise extension carries it; only SCIM reads and writes it. */
  @Column('text', { nullable: true })
  employeeNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the person works, e.g. a store or a site' })
  @Column('text', { nullable: true })
  location!: string | null;

  @Column('uuid', { nullable: true })
  leaderId!: string | null;

  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Field(() => [Channel], { description: 'Where deliveries go; IN_APP is always one of them' })
  @Column('text', { array: true })
  channels!: Channel[];

  @Field(() => String, {
    nullable: true,
    description: 'The recipient id the WEBHOOK channel passes to the bridge (a chat user, a phone number)',
  })
  @Column('text', { nullable: true })
  webhookBridgeId!: string | null;

  @Field({ description: 'A deactivated person keeps their history but gets no deliveries and cannot sign in' })
  @Column('boolean')
  active!: boolean;

  @Column('timestamptz', { nullable: true })
  deactivatedAt!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When an admin erased the person’s personal data; what remains is an anonymous placeholder',
  })
  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;
}
