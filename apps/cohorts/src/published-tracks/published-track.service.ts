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
   * Records a published track once per event. A version never goes back: an
   * older publication that arrives late leaves the newer one in place.
   */
  async apply(event: DomainEvent<'content.track_published'>): Promise<boolean> {
    const { trackId, version, title } = event.payload;
    return applyEventOnce(this.dataSource, COHORTS_SCHEMA, event, async (manager) => {
      await manager.query(
        `INSERT INTO "${COHORTS_SCHEMA}".published_tracks (organization_id, track_id, version, title)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (track_id) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title, updated_at = now()
         WHERE published_tracks.organization_id = EXCLUDED.organization_id
           AND published_tracks.version < EXCLUDED.version`,
        [event.organizationId, trackId, version, title],
      );
    });
  }
}
