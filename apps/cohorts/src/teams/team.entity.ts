import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

@ObjectType({ description: 'A group of people, such as a store or a shift' })
// The scheduler's analytics name a team by reference; its name comes from here.
@Directive('@key(fields: "id")')
@Entity({ schema: 'cohorts', name: 'teams' })
@Index(['organizationId', 'name'], { unique: true })
export class Team extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field()
  @Column('text')
  name!: string;
}
