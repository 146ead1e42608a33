import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'One change an admin or an API client made: who, what, when, from where' })
@Entity({ schema: 'cohorts', name: 'audit_log' })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Field({ description: '"person" or "api-client"' })
  @Column('text')
  actorKind!: string;

  @Field(() => ID, { description: 'The person or API client' })
  @Column('uuid')
  actorId!: string;

  @Field(() => String, { nullable: true, description: 'The person’s role at the time' })
  @Column('text', { nullable: true })
  actorRole!: string | null;

  @Field(() => [String], { description: 'The mutations the request called' })
  @Column('text', { array: true })
  operations!: string[];

  @Field(() => [ID], { description: 'The ids the request named' })
  @Column('uuid', { array: true })
  targetIds!: string[];

  @Field({ description: '"ok", or the error code the request got' })
  @Column('text')
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'The address the request came from' })
  @Column('text', { nullable: true })
  clientAddress!: string | null;

  @Column('text', { nullable: true })
  requestId!: string | null;
}
