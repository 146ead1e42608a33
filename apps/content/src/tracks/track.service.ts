import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import { appendToOutbox, domainEvent, PublishedLesson } from '@tend/events';
import { ConnectionShape, callerOf, keysetPage } from '@tend/graphql';
import { RequestContext, requestScoped, Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { CONTENT_SCHEMA } from '../content.data-source';
import { Lesson } from '../lessons/lesson.entity';
import { CreateTrackInput } from './dto/create-track.input';
import { TracksArgs } from './dto/tracks.args';
import { TrackErrors } from './track.errors';
import { Track, TrackStatus } from './track.entity';

@Injectable()
export class TrackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(organizationId: string, input: CreateTrackInput): Promise<Track> {
    const tracks = this.dataSource.getRepository(Track);
    return tracks.save(
      tracks.create({
        organizationId,
        title: input.title,
        summary: input.summary ?? null,
        tags: [...new Set(input.tags ?? [])],
        status: TrackStatus.DRAFT,
        version: 1,
        publishedAt: null,
      }),
    );
  }

  /** A track the caller may see: admins see drafts too, everyone else only what is published. */
  async get(organizationId: string, id: string, viewer: Role): Promise<Track> {
    const track = await this.dataSource.getRepository(Track).findOneBy({ organizationId, id });
    if (!track || (viewer !== Role.ADMIN && track.status !== TrackStatus.PUBLISHED)) throw TrackErrors.notFound(id);
    return track;
  }

  /** Tracks other subgraphs point at (an enrollment's track), batched per request, with the same visibility as `get`. */
  trackLoader(context: RequestContext): DataLoader<string, Track | null> {
    const { organizationId, role } = callerOf(context);
    return requestScoped(
      context,
      'trackById',
      () =>
        new DataLoader<string, Track | null>(async (ids) => {
          const tracks = await this.dataSource.getRepository(Track).findBy({ organizationId, id: In([...ids]) });
          const visible = tracks.filter((track) => role === Role.ADMIN || track.status === TrackStatus.PUBLISHED);
          return ids.map((id) => visible.find((track) => track.id === id) ?? null);
        }),
    );
  }

  async list(organizationId: string, args: TracksArgs, viewer: Role): Promise<ConnectionShape<Track>> {
    const query = this.dataSource
      .getRepository(Track)
      .createQueryBuilder('track')
      .where('track.organization_id = :organizationId', { organizationId });
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
   * Freezes the track and tells the other services, in one transaction: the
   * `content.track_published` event carries the lesson sequence and answer
   * keys the scheduler needs to deliver and grade lessons without asking us.
   */
  async publish(organizationId: string, id: string): Promise<Track> {
    return this.dataSource.transaction(async (manager) => {
      const track = await this.lockDraft(manager, organizationId, id);
      const lessons = await manager.getRepository(Lesson).find({
        where: { organizationId, trackId: id },
        relations: { questions: true, reviewCards: true },
        order: { position: 'ASC', questions: { position: 'ASC' }, reviewCards: { position: 'ASC' } },
      });
      if (lessons.length === 0) throw TrackErrors.empty();
      track.status = TrackStatus.PUBLISHED;
      track.publishedAt = this.clock.now();
      const saved = await manager.save(track);
      await appendToOutbox(manager, CONTENT_SCHEMA, organizationId, [
        domainEvent('content.track_published', {
          trackId: track.id,
          version: track.version,
          title: track.title,
          lessons: lessons.map(toPublishedLesson),
        }),
      ]);
      return saved;
    });
  }

  /** The track, locked for the rest of the transaction, if it is still a draft. */
  async lockDraft(manager: EntityManager, organizationId: string, id: string): Promise<Track> {
    const track = await manager
      .getRepository(Track)
      .createQueryBuilder('track')
      .setLock('pessimistic_write')
      .where('track.organization_id = :organizationId AND track.id = :id', { organizationId, id })
      .getOne();
    if (!track) throw TrackErrors.notFound(id);
    if (track.status !== TrackStatus.DRAFT) throw TrackErrors.notDraft(track.status);
    return track;
  }
}

function toPublishedLesson(lesson: Lesson): PublishedLesson {
  return {
    lessonId: lesson.id,
    position: lesson.position,
    title: lesson.title,
    kind: lesson.kind,
    minutes: lesson.minutes,
    questions: (lesson.questions ?? []).map((question) => ({
      questionId: question.id,
      choices: question.choices,
      correctIndex: question.correctIndex,
      explanation: question.explanation,
      choiceFeedback: question.choiceFeedback,
    })),
    reviewCards: (lesson.reviewCards ?? []).map((card) => ({ cardId: card.id, front: card.front, back: card.back })),
    leaderPrompt: lesson.leaderPrompt,
    leaderListenFor: lesson.leaderListenFor,
  };
}
