import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyEventOnce, DomainEvent } from '@tend/events';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { PublishedTrack } from './published-track.entity';

@Injectable()
export class PublishedTrackService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(manager: EntityManager, organizationId: string, trackId: string): Promise<PublishedTrack | null> {
    return manager.getRepository(PublishedTrack).findOneBy({ organizationId, trackId });
  }

  /**
   * Records a published track. A version never goes back: an
   * older publication that arrives late leaves the newer one in place.
   */
  async recordPublished(event: DomainEvent<'content.track_published'>, manager: EntityManager): Promise<void> {
    const { trackId, version, title } = event.payload;
    await manager.query(
      `INSERT INTO "${COHORTS_SCHEMA}".published_tracks (organization_id, track_id, version, title)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (track_id) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title, updated_at = now()
       WHERE published_tracks.organization_id = EXCLUDED.organization_id
         AND published_tracks.version < EXCLUDED.version`,
      [event.organizationId, trackId, version, title],
    );
  }

  async archive(event: DomainEvent<'content.track_archived'>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE "${COHORTS_SCHEMA}".published_tracks SET archived_at = $3, updated_at = now()
       WHERE organization_id = $1 AND track_id = $2 AND archived_at IS NULL`,
      [event.organizationId, event.payload.trackId, event.occurredAt],
    );
  }

  /** Running enrollments follow the admin's move to another version, as the scheduler does. */
  async migrateEnrollments(event: DomainEvent<'content.enrollments_migrated'>, manager: EntityManager): Promise<void> {
    const { trackId, fromVersion, toVersion } = event.payload;
    await manager.query(
      `UPDATE "${COHORTS_SCHEMA}".enrollments SET track_version = $4, updated_at = now()
       WHERE organization_id = $1 AND track_id = $2 AND track_version = $3`,
      [event.organizationId, trackId, fromVersion, toVersion],
    );
  }

  /** Applies one of content's events once. */
  applyOnce(event: DomainEvent<CohortsEventType>): Promise<boolean> {
    return applyEventOnce(this.dataSource, COHORTS_SCHEMA, event, async (manager) => {
      switch (event.type) {
        case 'content.track_published':
          return this.recordPublished(event as DomainEvent<'content.track_published'>, manager);
        case 'content.track_archived':
          return this.archive(event as DomainEvent<'content.track_archived'>, manager);
        case 'content.enrollments_migrated':
          return this.migrateEnrollments(event as DomainEvent<'content.enrollments_migrated'>, manager);
      }
    });
  }
}

/** The events cohorts consumes. */
export type CohortsEventType = 'content.track_published' | 'content.track_archived' | 'content.enrollments_migrated';
export const COHORTS_EVENT_TYPES: readonly string[] = [
  'content.track_published',
  'content.track_archived',
  'content.enrollments_migrated',
] satisfies CohortsEventType[];
