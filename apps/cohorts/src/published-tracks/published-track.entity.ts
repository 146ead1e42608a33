import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

/** What cohorts knows of content's tracks, from `content.track_published`: enough to enroll a cohort. */
@Entity({ schema: 'cohorts', name: 'published_tracks' })
@Index(['trackId'], { unique: true })
export class PublishedTrack extends TenantEntity {
  @Column('uuid')
  trackId!: string;

  @Column('int')
  version!: number;

  @Column('text')
  title!: string;

  /** From `content.track_archived`: no new enrollments from then on. */
  @Column('timestamptz', { nullable: true })
  archivedAt!: Date | null;
}
