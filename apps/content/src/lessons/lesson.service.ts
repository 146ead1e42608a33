import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { RequestContext, requestScoped, Role } from '@tend/auth';
import { callerOf } from '@tend/graphql';
import { TrackService } from '../tracks/track.service';
import { TrackStatus } from '../tracks/track.entity';
import { AddLessonInput } from './dto/add-lesson.input';
import { Lesson, Question, ReviewCard } from './lesson.entity';
import { lessonRuleViolation } from './lesson-rules';

/** The per-request loaders that keep `track { lessons { questions } }` at one query per level. */
export interface LessonLoaders {
  lessonsByTrack: DataLoader<string, Lesson[]>;
  questionsByLesson: DataLoader<string, Question[]>;
  reviewCardsByLesson: DataLoader<string, ReviewCard[]>;
  lessonById: DataLoader<string, Lesson | undefined>;
}

@Injectable()
export class LessonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tracks: TrackService,
  ) {}

  async add(organizationId: string, trackId: string, input: AddLessonInput): Promise<Lesson> {
    const violation = lessonRuleViolation(input);
    if (violation) throw violation;
    const questions = input.questions ?? [];

    return this.dataSource.transaction(async (manager) => {
      await this.tracks.lockDraft(manager, organizationId, trackId);
      const { last } = (await manager
        .getRepository(Lesson)
        .createQueryBuilder('lesson')
        .select('COALESCE(MAX(lesson.position), 0)', 'last')
        .where('lesson.track_id = :trackId', { trackId })
        .getRawOne<{ last: number }>()) ?? { last: 0 };
      const lessons = manager.getRepository(Lesson);
      return lessons.save(
        lessons.create({
          organizationId,
          trackId,
          position: Number(last) + 1,
          title: input.title,
          kind: input.kind,
          body: input.body,
          minutes: input.minutes,
          leaderPrompt: input.leaderPrompt ?? null,
          leaderListenFor: input.leaderListenFor ?? null,
          questions: questions.map((question, index) =>
            manager.getRepository(Question).create({
              organizationId,
              position: index + 1,
              prompt: question.prompt,
              choices: question.choices,
              correctIndex: question.correctIndex,
              explanation: question.explanation ?? null,
              choiceFeedback: (question.choiceFeedback ?? []).map((choice) => ({
                explanation: choice.explanation,
                consequence: choice.consequence ?? null,
              })),
            }),
          ),
          reviewCards: (input.reviewCards ?? []).map((card, index) =>
            manager
              .getRepository(ReviewCard)
              .create({ organizationId, position: index + 1, front: card.front, back: card.back }),
          ),
        }),
      );
    });
  }

  loadersFor(context: RequestContext): LessonLoaders {
    const principal = callerOf(context);
    return requestScoped(context, 'lessons', () => this.createLoaders(principal.organizationId, principal.role));
  }

  /**
   * Loaders for one request. Lessons of drafts are visible to admins only, the
   * same rule `TrackService.get` applies to the track itself.
   */
  private createLoaders(organizationId: string, viewer: Role): LessonLoaders {
    const visibleStatuses = viewer === Role.ADMIN ? Object.values(TrackStatus) : [TrackStatus.PUBLISHED];
    return {
      lessonsByTrack: new DataLoader(async (trackIds) => {
        const lessons = await this.dataSource.getRepository(Lesson).find({
          where: { organizationId, trackId: In([...trackIds]) },
          order: { position: 'ASC' },
        });
        return trackIds.map((trackId) => lessons.filter((lesson) => lesson.trackId === trackId));
      }),
      questionsByLesson: new DataLoader(async (lessonIds) => {
        const questions = await this.dataSource.getRepository(Question).find({
          where: { organizationId, lessonId: In([...lessonIds]) },
          order: { position: 'ASC' },
        });
        return lessonIds.map((lessonId) => questions.filter((question) => question.lessonId === lessonId));
      }),
      reviewCardsByLesson: new DataLoader(async (lessonIds) => {
        const cards = await this.dataSource.getRepository(ReviewCard).find({
          where: { organizationId, lessonId: In([...lessonIds]) },
          order: { position: 'ASC' },
        });
        return lessonIds.map((lessonId) => cards.filter((card) => card.lessonId === lessonId));
      }),
      lessonById: new DataLoader(async (ids) => {
        const lessons = await this.dataSource.getRepository(Lesson).find({
          where: { organizationId, id: In([...ids]), track: { status: In(visibleStatuses) } },
          relations: { track: true },
        });
        return ids.map((id) => lessons.find((lesson) => lesson.id === id));
      }),
    };
  }
}
