import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { Role } from '@tend/auth';
import { TenantEntity } from '@tend/database';
import { Channel } from './channel';

registerEnumType(Role, { name: 'Role' });

@ObjectType({ description: 'Someone in the organization: an HR admin, a leader or a learner' })
@Directive('@key(fields: "id")')
@Entity({ schema: 'cohorts', name: 'people' })
@Index(['organizationId', 'email'], { unique: true })
@Index(['organizationId', 'createdAt', 'id'])
@Index(['organizationId', 'leaderId'])
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

  @Column('uuid', { nullable: true })
  leaderId!: string | null;

  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Column('text', { array: true })
  channels!: Channel[];

  @Column('boolean')
  active!: boolean;
}
