import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import { appendToOutbox, domainEvent } from '@tend/events';
import { bestLocale, ConnectionShape, callerOf, canonicalLocaleOrRefuse, keysetPage, loaderById } from '@tend/graphql';
import { RequestContext, requestScoped, Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { containsPattern } from '@tend/database';
import { CONTENT_SCHEMA } from '../content.data-source';
import { atVersion, lockDraft, lockTrack } from '../drafts/track-drafts';
import { TrackVersion, TrackVersionStatus } from '../drafts/track-version.entity';
import { MoveLessonInput } from '../lessons/dto/move-lesson.input';
import { copyLessons } from '../lessons/lesson-copies';
import { LessonService } from '../lessons/lesson.service';
import { DuplicateTrackInput } from './dto/duplicate-track.input';
import { CreateTrackInput } from './dto/create-track.input';
import { MigrateEnrollmentsInput } from './dto/migrate-enrollments.input';
import { TracksArgs } from './dto/tracks.args';
import { TrackErrors } from './track.errors';
import { Track, TrackStatus } from './track.entity';
import { trackPublishedEvent } from './published-track';

@Injectable()
export class TrackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly lessons: LessonService,
  ) {}

  async create(organizationId: string, input: CreateTrackInput): Promise<Track> {
    return this.dataSource.transaction((manager) => this.createIn(manager, organizationId, input));
  }

  /** A new draft track at version 1, inside the caller's transaction. */
  async createIn(manager: EntityManager, organizationId: string, input: CreateTrackInput): Promise<Track> {
    const defaultLocale = canonicalLocaleOrRefuse(input.defaultLocale ?? 'en', 'input.defaultLocale');
    const tracks = manager.getRepository(Track);
    const track = await tracks.save(
      tracks.create({
        organizationId,
        title: input.title,
        summary: input.summary ?? null,
        tags: [...new Set(input.tags ?? [])],
        defaultLocale,
        status: TrackStatus.DRAFT,
        version: 1,
        draftVersion: 1,
        publishedAt: null,
      }),
    );
    await manager
      .getRepository(TrackVersion)
      .insert({ organizationId, trackId: track.id, version: 1, status: TrackVersionStatus.DRAFT, publishedAt: null });
    return track;
  }

  /**
   * A track the caller may see, at the version they ask for: by default the
   * version learners are served (for a track never published, its draft).
   * Admins may look at any version, the open draft included; everyone else
   * sees published tracks, and only their published versions.
   */
  async get(
    organizationId: string,
    id: string,
    viewer: Role,
    version?: number | null,
    locale?: string | null,
  ): Promise<Track> {
    const wanted = locale === undefined || locale === null ? undefined : canonicalLocaleOrRefuse(locale, 'locale');
    const track = await this.dataSource.getRepository(Track).findOneBy({ organizationId, id });
    if (!track || (viewer !== Role.ADMIN && track.status !== TrackStatus.PUBLISHED)) throw TrackErrors.notFound(id);
    let view = track;
    if (version !== undefined && version !== null && version !== track.version) {
      const found = await this.dataSource
        .getRepository(TrackVersion)
        .findOneBy({ organizationId, trackId: id, version });
      if (!found || (viewer !== Role.ADMIN && found.status !== TrackVersionStatus.PUBLISHED)) {
        throw TrackErrors.versionNotFound(version);
      }
      view = atVersion(track, found);
    }
    if (!wanted || wanted === track.defaultLocale) return view;
    const available: { locale: string }[] = await this.dataSource.query(
      `SELECT DISTINCT translation.locale FROM content.lesson_translations translation
       JOIN content.lessons lesson ON lesson.id = translation.lesson_id
       WHERE lesson.organization_id = $1 AND lesson.track_id = $2 AND lesson.version = $3`,
      [organizationId, id, view.version],
    );
    const served = bestLocale(
      wanted,
      available.map((row) => row.locale),
    );
    return served ? Object.assign(new Track(), view, { viewLocale: served }) : view;
  }

  /** Tracks other subgraphs point at (an enrollment's track), batched per request, with the same visibility as `get`. */
  trackLoader(context: RequestContext): DataLoader<string, Track | null> {
    const { organizationId, role } = callerOf(context);
    return requestScoped(context, 'trackById', () =>
      loaderById(
        async (ids) => {
          const tracks = await this.dataSource.getRepository(Track).findBy({ organizationId, id: In(ids) });
          return tracks.filter((track) => role === Role.ADMIN || track.status === TrackStatus.PUBLISHED);
        },
        (track) => track.id,
        (track) => track ?? null,
      ),
    );
  }

  async list(organizationId: string, args: TracksArgs, viewer: Role): Promise<ConnectionShape<Track>> {
    const query = this.dataSource
      .getRepository(Track)
      .createQueryBuilder('track')
      .where('track.organization_id = :organizationId', { organizationId });
    if (args.search) {
      query.andWhere('(track.title ILIKE :pattern OR track.summary ILIKE :pattern)', {
        pattern: containsPattern(args.search),
      });
    }
    if (args.tag) {
      // A competency the track names, or one of its lessons in any version does.
      query.andWhere(
        `(:tag = ANY (track.tags) OR EXISTS (
           SELECT 1 FROM content.lessons lesson WHERE lesson.track_id = track.id AND :tag = ANY (lesson.tags)
         ))`,
        { tag: args.tag },
      );
    }
    if (viewer === Role.ADMIN) {
      if (args.status) query.andWhere('track.status = :status', { status: args.status });
    } else {
      // Everyone but admins sees published tracks only, whatever status they ask for.
      query.andWhere('track.status = :status', {
        status: args.status && args.status !== TrackStatus.PUBLISHED ? null : TrackStatus.PUBLISHED,
      });
    }
    return keysetPage(query, args, { column: 'created_at', keyOf: (row) => row.createdAt, direction: 'ASC' });
  }

  /**
   * Freezes the open draft version and tells the other services, in one
   * transaction: the `content.track_published` event carries the lesson
   * sequence and answer keys the scheduler needs to deliver and grade lessons
   * without asking us. Learners already on an older version stay on it.
   */
  async publish(organizationId: string, id: string): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const { track, draftVersion } = await lockDraft(manager, organizationId, id);
      const published = await trackPublishedEvent(manager, organizationId, track, draftVersion);
      if (published.payload.lessons.length === 0) throw TrackErrors.empty();
      const now = this.clock.now();
      await manager
        .getRepository(TrackVersion)
        .update(
          { organizationId, trackId: id, version: draftVersion },
          { status: TrackVersionStatus.PUBLISHED, publishedAt: now },
        );
      track.status = TrackStatus.PUBLISHED;
      track.version = draftVersion;
      track.draftVersion = null;
      track.publishedAt = now;
      const saved = await manager.save(track);
      await appendToOutbox(manager, CONTENT_SCHEMA, organizationId, [published]);
      return saved;
    });
  }

  /**
   * Opens a new draft version of a published track, a copy of the version
   * learners are served, which stays served until the draft is published.
   */
  async revise(organizationId: string, id: string): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const track = await lockTrack(manager, organizationId, id);
      if (track.status === TrackStatus.ARCHIVED) throw TrackErrors.archived();
      if (track.draftVersion !== null) throw TrackErrors.draftOpen(track.draftVersion);
      const next = track.version + 1;
      const version = manager.getRepository(TrackVersion).create({
        organizationId,
        trackId: id,
        version: next,
        status: TrackVersionStatus.DRAFT,
        publishedAt: null,
      });
      await manager.getRepository(TrackVersion).insert(version);
      await copyLessons(manager, id, track.version, id, next);
      track.draftVersion = next;
      await manager.save(track);
      return atVersion(track, version);
    });
  }

  /** Archives a published track: learners keep what they have, no cohort can enroll any more. */
  async archive(organizationId: string, id: string): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const track = await lockTrack(manager, organizationId, id);
      if (track.status !== TrackStatus.PUBLISHED) throw TrackErrors.notPublished(track.status);
      track.status = TrackStatus.ARCHIVED;
      const saved = await manager.save(track);
      await appendToOutbox(manager, CONTENT_SCHEMA, organizationId, [
        domainEvent('content.track_archived', { trackId: id }),
      ]);
      return saved;
    });
  }

  /**
   * Moves every enrollment on one published version to another: the scheduler
   * and cohorts learn it from `content.enrollments_migrated`, and each
   * learner's next lesson comes from the new version, at the same position.
   */
  async migrateEnrollments(organizationId: string, input: MigrateEnrollmentsInput): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const track = await lockTrack(manager, organizationId, input.trackId);
      if (input.fromVersion === input.toVersion) throw TrackErrors.sameVersion();
      const published = await manager.getRepository(TrackVersion).findBy({
        organizationId,
        trackId: track.id,
        version: In([input.fromVersion, input.toVersion]),
        status: TrackVersionStatus.PUBLISHED,
      });
      const to = published.find((version) => version.version === input.toVersion);
      if (!published.some((version) => version.version === input.fromVersion)) {
        throw TrackErrors.notAPublishedVersion('input.fromVersion');
      }
      if (!to) throw TrackErrors.notAPublishedVersion('input.toVersion');
      await appendToOutbox(manager, CONTENT_SCHEMA, organizationId, [
        domainEvent('content.enrollments_migrated', {
          trackId: track.id,
          fromVersion: input.fromVersion,
          toVersion: input.toVersion,
        }),
      ]);
      return atVersion(track, to);
    });
  }

  /** Puts a lesson of a draft version at another place (`LessonService.moveIn`); the track shown at that version. */
  async moveLesson(organizationId: string, input: MoveLessonInput): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const { track, draftVersion } = await this.lessons.moveIn(manager, organizationId, input);
      return atVersion(track, { version: draftVersion, status: TrackVersionStatus.DRAFT, publishedAt: null });
    });
  }

  /** A new draft track with the lessons of the original's latest version, draft included. */
  async duplicate(organizationId: string, input: DuplicateTrackInput): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const source = await manager.getRepository(Track).findOneBy({ organizationId, id: input.trackId });
      if (!source) throw TrackErrors.notFound(input.trackId);
      const copy = await this.createIn(manager, organizationId, {
        title: input.title ?? `${source.title} (copy)`,
        summary: source.summary,
        tags: source.tags,
        defaultLocale: source.defaultLocale,
      });
      await copyLessons(manager, source.id, source.draftVersion ?? source.version, copy.id, 1);
      return copy;
    });
  }
}
