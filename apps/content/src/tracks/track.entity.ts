import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, OneToMany } from 'typeorm';
import { TenantEntity } from '@tend/database';
import { Lesson } from '../lessons/lesson.entity';

export enum TrackStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(TrackStatus, { name: 'TrackStatus' });

@ObjectType({ description: 'A sequence of short lessons an HR admin authors and publishes' })
@Directive('@key(fields: "id")')
@Entity({ schema: 'content', name: 'tracks' })
@Index(['organizationId', 'createdAt', 'id'])
export class Track extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  summary!: string | null;

  @Field(() => TrackStatus)
  @Column('text')
  status!: TrackStatus;

  @Field(() => Int)
  @Column('int')
  version!: number;

  @Field(() => [String])
  @Column('text', { array: true })
  tags!: string[];

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @OneToMany(() => Lesson, (lesson) => lesson.track)
  lessons?: Lesson[];
}
