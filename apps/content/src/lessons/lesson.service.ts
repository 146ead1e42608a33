import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import { RequestContext, requestScoped, Role } from '@tend/auth';
import { entityFromJsonRow } from '@tend/database';
import { callerOf } from '@tend/graphql';
import { LockedDraft, lockDraft } from '../drafts/track-drafts';
import { TrackVersionStatus } from '../drafts/track-version.entity';
import { LessonTranslation } from './lesson-translation.entity';
import { AddLessonInput } from './dto/add-lesson.input';
import { MoveLessonInput } from './dto/move-lesson.input';
import { Lesson, Question, ReviewCard } from './lesson.entity';
import { LessonErrors } from './lesson.errors';
import { lessonRuleViolation } from './lesson-rules';

type JsonRow = Record<string, unknown>;

/**
 * Lessons by id with their questions and translations, in one statement: what other subgraphs'
 * references to lessons (a learner's `today`) read. `$3`, when set, is the only version status
 * the caller may read.
 */
const LESSONS_WITH_QUESTIONS_AND_TRANSLATIONS = `
  SELECT row_to_json(lesson) AS lesson,
    (SELECT coalesce(json_agg(row_to_json(question) ORDER BY question.position), '[]')
       FROM content.questions question
      WHERE question.organization_id = lesson.organization_id AND question.lesson_id = lesson.id) AS questions,
    (SELECT coalesce(json_agg(row_to_json(translation)), '[]')
       FROM content.lesson_translations translation
      WHERE translation.organization_id = lesson.organization_id AND translation.lesson_id = lesson.id) AS translations
  FROM content.lessons lesson
  JOIN content.track_versions version
    ON version.organization_id = lesson.organization_id AND version.track_id = lesson.track_id
   AND version.version = lesson.version
  WHERE lesson.organization_id = $1 AND lesson.id = ANY($2::uuid[]) AND ($3::text IS NULL OR version.status = $3)`;

/**
 * The lessons of track versions with their questions and review cards, in one statement: a track
 * with 20 lessons read them in three (lessons, questions, cards), each hydrated by TypeORM's
 * query builder, which was the larger part of content's CPU for `track(id)`.
 */
const LESSONS_OF_TRACK_VERSIONS = `
  SELECT row_to_json(lesson) AS lesson,
    (SELECT coalesce(json_agg(row_to_json(question) ORDER BY question.position), '[]')
       FROM content.questions question
      WHERE question.organization_id = lesson.organization_id AND question.lesson_id = lesson.id) AS questions,
    (SELECT coalesce(json_agg(row_to_json(card) ORDER BY card.position), '[]')
       FROM content.review_cards card
      WHERE card.organization_id = lesson.organization_id AND card.lesson_id = lesson.id) AS review_cards
  FROM unnest($2::uuid[], $3::int[]) AS wanted (track_id, version)
  JOIN content.lessons lesson
    ON lesson.organization_id = $1 AND lesson.track_id = wanted.track_id AND lesson.version = wanted.version
  ORDER BY lesson.position`;

/** The per-request loaders that keep `track { lessons { questions } }` at one query per level. */
export interface LessonLoaders {
  /** Keyed by `trackVersionKey`. */
  lessonsByTrackVersion: DataLoader<string, Lesson[]>;
  questionsByLesson: DataLoader<string, Question[]>;
  reviewCardsByLesson: DataLoader<string, ReviewCard[]>;
  lessonById: DataLoader<string, Lesson | undefined>;
  /** The cards a learner's due reviews point at, in one statement for the whole day. */
  reviewCardById: DataLoader<string, ReviewCard | undefined>;
  /** Keyed by `translationKey`. */
  translationByLesson: DataLoader<string, LessonTranslation | undefined>;
  translationsOfLesson: DataLoader<string, LessonTranslation[]>;
}

@Injectable()
export class LessonService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(organizationId: string, trackId: string, input: AddLessonInput): Promise<Lesson> {
    const violation = lessonRuleViolation(input);
    if (violation) throw violation;
    return this.dataSource.transaction(async (manager) => {
      const { draftVersion } = await lockDraft(manager, organizationId, trackId);
      const { last } = (await manager
        .getRepository(Lesson)
        .createQueryBuilder('lesson')
        .select('COALESCE(MAX(lesson.position), 0)', 'last')
        .where('lesson.track_id = :trackId AND lesson.version = :version', { trackId, version: draftVersion })
        .getRawOne<{ last: number }>()) ?? { last: 0 };
      const [lesson] = await this.insertIn(manager, organizationId, trackId, draftVersion, Number(last) + 1, [input]);
      return lesson;
    });
  }

  /**
   * Stores lessons that passed `lessonRuleViolation` at consecutive positions
   * of a draft version the caller has locked, in one statement per table.
   */
  async insertIn(
    manager: EntityManager,
    organizationId: string,
    trackId: string,
    version: number,
    firstPosition: number,
    inputs: AddLessonInput[],
  ): Promise<Lesson[]> {
    if (inputs.length === 0) return [];
    const lessons = inputs.map((input, index) =>
      manager.getRepository(Lesson).create({
        organizationId,
        trackId,
        version,
        position: firstPosition + index,
        title: input.title,
        kind: input.kind,
        body: input.body,
        minutes: input.minutes,
        leaderPrompt: input.leaderPrompt ?? null,
        leaderListenFor: input.leaderListenFor ?? null,
        tags: [...new Set(input.tags ?? [])],
      }),
    );
    await manager.getRepository(Lesson).insert(lessons);
    const questions = inputs.flatMap((input, index) =>
      (input.questions ?? []).map((question, position) =>
        manager.getRepository(Question).create({
          organizationId,
          lessonId: lessons[index].id,
          position: position + 1,
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
    );
    const reviewCards = inputs.flatMap((input, index) =>
      (input.reviewCards ?? []).map((card, position) =>
        manager.getRepository(ReviewCard).create({
          organizationId,
          lessonId: lessons[index].id,
          position: position + 1,
          front: card.front,
          back: card.back,
        }),
      ),
    );
    if (questions.length > 0) await manager.getRepository(Question).insert(questions);
    if (reviewCards.length > 0) await manager.getRepository(ReviewCard).insert(reviewCards);
    return lessons;
  }

  /**
   * Puts a lesson of a draft version at another place, in the caller's transaction; the lessons in
   * between shift by one. Returns the draft it locked.
   */
  async moveIn(manager: EntityManager, organizationId: string, input: MoveLessonInput): Promise<LockedDraft> {
    const lesson = await manager.getRepository(Lesson).findOneBy({ organizationId, id: input.lessonId });
    if (!lesson) throw LessonErrors.notFound(input.lessonId);
    const draft = await lockDraft(manager, organizationId, lesson.trackId);
    const { track, draftVersion } = draft;
    if (lesson.version !== draftVersion) throw LessonErrors.published();
    const count = await manager
      .getRepository(Lesson)
      .countBy({ organizationId, trackId: track.id, version: draftVersion });
    if (input.position > count) throw LessonErrors.positionPastEnd(count);
    // One statement; the (track, version, position) key is checked at commit, after every row moved.
    await manager.query(
      `UPDATE content.lessons
         SET position = CASE WHEN id = $3 THEN $5 WHEN $4 < $5 THEN position - 1 ELSE position + 1 END,
             updated_at = now()
         WHERE track_id = $1 AND version = $2 AND position BETWEEN LEAST($4::int, $5::int) AND GREATEST($4::int, $5::int)`,
      [track.id, draftVersion, lesson.id, lesson.position, input.position],
    );
    return draft;
  }

  loadersFor(context: RequestContext): LessonLoaders {
    const principal = callerOf(context);
    return requestScoped(context, 'lessons', () => this.createLoaders(principal.organizationId, principal.role));
  }

  /**
   * Loaders for one request. Lessons of draft versions are visible to admins only, the
   * same rule `TrackService.get` applies to the track itself.
   */
  private createLoaders(organizationId: string, viewer: Role): LessonLoaders {
    const loaders: LessonLoaders = {
      lessonsByTrackVersion: new DataLoader(async (keys) => {
        const wanted = keys.map(parseTrackVersionKey);
        const rows = (await this.dataSource.query(LESSONS_OF_TRACK_VERSIONS, [
          organizationId,
          wanted.map(({ trackId }) => trackId),
          wanted.map(({ version }) => version),
        ])) as { lesson: JsonRow; questions: JsonRow[]; review_cards: JsonRow[] }[];
        const lessons = rows.map((row) => {
          const lesson = entityFromJsonRow(this.dataSource, Lesson, row.lesson);
          // `track { lessons { questions reviewCards } }` reads these next, for every lesson.
          loaders.questionsByLesson.prime(
            lesson.id,
            row.questions.map((question) => entityFromJsonRow(this.dataSource, Question, question)),
          );
          loaders.reviewCardsByLesson.prime(
            lesson.id,
            row.review_cards.map((card) => entityFromJsonRow(this.dataSource, ReviewCard, card)),
          );
          return lesson;
        });
        return wanted.map(({ trackId, version }) =>
          lessons.filter((lesson) => lesson.trackId === trackId && lesson.version === version),
        );
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
      translationsOfLesson: new DataLoader(async (lessonIds) => {
        const translations = await this.dataSource
          .getRepository(LessonTranslation)
          .find({ where: { organizationId, lessonId: In([...lessonIds]) } });
        return lessonIds.map((lessonId) => translations.filter((translation) => translation.lessonId === lessonId));
      }),
      translationByLesson: new DataLoader(async (keys) => {
        const wanted = keys.map((key) => {
          const [lessonId, locale] = key.split('/');
          return { lessonId, locale };
        });
        const translations = await this.dataSource
          .getRepository(LessonTranslation)
          .find({ where: wanted.map(({ lessonId, locale }) => ({ organizationId, lessonId, locale })) });
        return wanted.map(({ lessonId, locale }) =>
          translations.find((translation) => translation.lessonId === lessonId && translation.locale === locale),
        );
      }),
      reviewCardById: new DataLoader(async (ids) => {
        const cards = await this.dataSource
          .getRepository(ReviewCard)
          .find({ where: { organizationId, id: In([...ids]) } });
        const byId = new Map(cards.map((card) => [card.id, card]));
        return ids.map((id) => byId.get(id));
      }),
      lessonById: new DataLoader(async (ids) => {
        const rows = (await this.dataSource.query(LESSONS_WITH_QUESTIONS_AND_TRANSLATIONS, [
          organizationId,
          [...ids],
          // A lesson of a published version stays readable to the learners who met it, even once the track is archived.
          viewer === Role.ADMIN ? null : TrackVersionStatus.PUBLISHED,
        ])) as { lesson: JsonRow; questions: JsonRow[]; translations: JsonRow[] }[];
        const lessons = new Map<string, Lesson>();
        for (const row of rows) {
          const lesson = entityFromJsonRow(this.dataSource, Lesson, row.lesson);
          lessons.set(lesson.id, lesson);
          // The same request reads these next (a delivered lesson's questions, in the reader's locale).
          loaders.questionsByLesson.prime(
            lesson.id,
            row.questions.map((question) => entityFromJsonRow(this.dataSource, Question, question)),
          );
          const translations = row.translations.map((translation) =>
            entityFromJsonRow(this.dataSource, LessonTranslation, translation),
          );
          loaders.translationsOfLesson.prime(lesson.id, translations);
          for (const translation of translations) {
            loaders.translationByLesson.prime(translationKey(lesson.id, translation.locale), translation);
          }
        }
        return ids.map((id) => lessons.get(id));
      }),
    };
    return loaders;
  }
}

/** One (lesson, locale) as a loader key. */
export function translationKey(lessonId: string, locale: string): string {
  return `${lessonId}/${locale}`;
}

/** One (track, version) as a loader key. */
export function trackVersionKey(trackId: string, version: number): string {
  return `${trackId}/${version}`;
}

function parseTrackVersionKey(key: string): { trackId: string; version: number } {
  const [trackId, version] = key.split('/');
  return { trackId, version: Number(version) };
}
