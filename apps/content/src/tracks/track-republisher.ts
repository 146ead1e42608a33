import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runAcrossTenants } from '@tend/database';
import { appendToOutbox } from '@tend/events';
import { CONTENT_SCHEMA } from '../content.data-source';
import { trackPublishedEvent } from './published-track';

/**
 * Publishes again the versions listed in `versions_to_republish`, one transaction each, with
 * today's `content.track_published` payload. A migration lists them when the payload gains
 * something consumers need of versions published before (the lessons' texts, which the
 * scheduler serves today's lessons from); consumers apply a version's event again idempotently.
 * It runs at start, off the request path; replicas share the list (SKIP LOCKED), and a crash
 * leaves the rest of the list for the next start (docs/ARCHITECTURE.md#events).
 */
@Injectable()
export class TrackRepublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrackRepublisher.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.republishListed().catch((error: unknown) => {
      this.logger.error({ err: error }, 'republishing track versions stopped; the next start goes on');
    });
  }

  /** Republishes every listed version; the number republished. */
  async republishListed(): Promise<number> {
    let republished = 0;
    while (await this.republishOne()) republished++;
    if (republished > 0) this.logger.log({ republished }, 'track versions published again');
    return republished;
  }

  private republishOne(): Promise<boolean> {
    return runAcrossTenants('tracks.republish', () =>
      this.dataSource.transaction(async (manager) => {
        const [listed]: {
          organization_id: string;
          track_id: string;
          version: number;
          title: string;
          tags: string[];
        }[] = await manager.query(
          // A SELECT around the DELETE, so the driver hands back the rows (a bare DELETE gives rows and a count).
          `WITH listed AS (
               DELETE FROM "${CONTENT_SCHEMA}".versions_to_republish listed
               WHERE (listed.track_id, listed.version) = (
                   SELECT track_id, version FROM "${CONTENT_SCHEMA}".versions_to_republish
                   ORDER BY requested_at, track_id, version LIMIT 1 FOR UPDATE SKIP LOCKED)
               RETURNING listed.organization_id, listed.track_id, listed.version)
             SELECT listed.*, track.title, track.tags FROM listed JOIN "${CONTENT_SCHEMA}".tracks track ON track.id = listed.track_id`,
        );
        if (!listed) return false;
        const event = await trackPublishedEvent(
          manager,
          listed.organization_id,
          { id: listed.track_id, title: listed.title, tags: listed.tags },
          listed.version,
        );
        await appendToOutbox(manager, CONTENT_SCHEMA, listed.organization_id, [event]);
        return true;
      }),
    );
  }
}
