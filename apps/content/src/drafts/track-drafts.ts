import type { EntityManager } from 'typeorm';
import { Track, TrackStatus } from '../tracks/track.entity';
import { TrackErrors } from '../tracks/track.errors';
import { TrackVersion, TrackVersionStatus } from './track-version.entity';

/**
 * A track's draft and versions, below tracks/, lessons/ and translations/, which all change a
 * draft: the lock that serializes the changes to one track and the check that a draft is open.
 */
export interface LockedDraft {
  track: Track;
  draftVersion: number;
}

/** The track, locked for the rest of the transaction. */
export async function lockTrack(manager: EntityManager, organizationId: string, id: string): Promise<Track> {
  const track = await manager
    .getRepository(Track)
    .createQueryBuilder('track')
    .setLock('pessimistic_write')
    .where('track.organization_id = :organizationId AND track.id = :id', { organizationId, id })
    .getOne();
  if (!track) throw TrackErrors.notFound(id);
  return track;
}

/** The track and the version open for editing, locked for the rest of the transaction. */
export async function lockDraft(manager: EntityManager, organizationId: string, id: string): Promise<LockedDraft> {
  const track = await lockTrack(manager, organizationId, id);
  if (track.status === TrackStatus.ARCHIVED) throw TrackErrors.archived();
  if (track.draftVersion === null) throw TrackErrors.notDraft(track.status);
  return { track, draftVersion: track.draftVersion };
}

/** The track as it reads at another of its versions. */
export function atVersion(track: Track, version: Pick<TrackVersion, 'version' | 'status' | 'publishedAt'>): Track {
  const view = Object.assign(new Track(), track);
  view.version = version.version;
  if (version.status === TrackVersionStatus.DRAFT) view.status = TrackStatus.DRAFT;
  view.publishedAt = version.publishedAt;
  return view;
}
