import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum TrackVersionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

/**
 * One numbered version of a track. Lessons belong to exactly one version; a
 * published version (and everything in it) is frozen by database triggers.
 */
@Entity({ schema: 'content', name: 'track_versions' })
export class TrackVersion {
  @PrimaryColumn('uuid')
  trackId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Index()
  @Column('uuid')
  organizationId!: string;

  @Column('text')
  status!: TrackVersionStatus;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
