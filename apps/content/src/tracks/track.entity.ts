import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

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

  @Field(() => TrackStatus, { description: 'The status of the version shown' })
  @Column('text')
  status!: TrackStatus;

  @Field(() => Int, {
    description: 'The version shown: by default the one learners are served (for a track never published, its draft)',
  })
  @Column('int')
  version!: number;

  @Field(() => Int, { nullable: true, description: 'The version open for editing, if any' })
  @Column('int', { nullable: true })
  draftVersion!: number | null;

  @Field(() => [String])
  @Column('text', { array: true })
  tags!: string[];

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Field({ description: 'The BCP 47 locale the lessons are written in' })
  @Column('text')
  defaultLocale!: string;

  /** The translation the lessons are shown in, when a reader asked for one the track has. */
  viewLocale?: string;
}
