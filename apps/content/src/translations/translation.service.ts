import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput } from '@tend/graphql';
import { Lesson } from '../lessons/lesson.entity';
import { LessonErrors } from '../lessons/lesson.errors';
import { TrackErrors } from '../tracks/track.errors';
import { TrackService } from '../tracks/track.service';
import { TranslateLessonInput } from './dto/translate-lesson.input';
import { canonicalLocale } from './locale';
import { LessonTranslation } from './lesson-translation.entity';

export interface TranslationGapShape {
  locale: string;
  lessonIds: string[];
}

@Injectable()
export class TranslationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tracks: TrackService,
  ) {}

  /**
   * Writes (or replaces) a lesson's text in another locale. The questions
   * keep their shape: as many, with as many choices, so the answer key fits
   * every language.
   */
  async translate(organizationId: string, input: TranslateLessonInput): Promise<Lesson> {
    return this.dataSource.transaction(async (manager) => {
      const lesson = await manager.getRepository(Lesson).findOne({
        where: { organizationId, id: input.lessonId },
        relations: { questions: true },
        order: { questions: { position: 'ASC' } },
      });
      if (!lesson) throw LessonErrors.notFound(input.lessonId);
      const { track, draftVersion } = await this.tracks.lockDraft(manager, organizationId, lesson.trackId);
      if (lesson.version !== draftVersion) throw TrackErrors.lessonPublished();
      const locale = canonicalLocale(input.locale, 'input.locale');
      if (locale === track.defaultLocale) {
        throw badInput('input.locale', 'is the track’s default locale: edit the lesson itself');
      }
      const original = lesson.questions ?? [];
      const questions = input.questions ?? [];
      if (questions.length !== original.length) {
        throw badInput('input.questions', `the lesson has ${original.length} questions; translate each of them`);
      }
      questions.forEach((question, index) => {
        const choices = original[index].choices.length;
        if (question.choices.length !== choices) {
          throw badInput(`input.questions.${index}.choices`, `the original has ${choices} choices, in the same order`);
        }
        if (question.choiceFeedback && question.choiceFeedback.length !== choices) {
          throw badInput(`input.questions.${index}.choiceFeedback`, 'one per choice, in the same order');
        }
      });
      const translation = manager.getRepository(LessonTranslation).create({
        organizationId,
        lessonId: lesson.id,
        locale,
        title: input.title,
        body: input.body,
        questions: questions.map((question) => ({
          prompt: question.prompt,
          choices: question.choices,
          choiceFeedback: (question.choiceFeedback ?? []).map((choice) => ({
            explanation: choice.explanation,
            consequence: choice.consequence ?? null,
          })),
        })),
        leaderPrompt: input.leaderPrompt ?? null,
        leaderListenFor: input.leaderListenFor ?? null,
      });
      await manager
        .createQueryBuilder()
        .insert()
        .into(LessonTranslation)
        .values(translation)
        .orUpdate(
          ['title', 'body', 'questions', 'leader_prompt', 'leader_listen_for', 'updated_at'],
          ['lesson_id', 'locale'],
        )
        .execute();
      return inLocale(lesson, translation);
    });
  }

  /** For each locale some lesson of the version is translated to, the lessons not yet translated to it. */
  async gaps(organizationId: string, trackId: string, version: number): Promise<TranslationGapShape[]> {
    const rows: { locale: string; lesson_id: string }[] = await this.dataSource.query(
      `SELECT locales.locale, lesson.id AS lesson_id
       FROM (
         SELECT DISTINCT translation.locale FROM content.lesson_translations translation
         JOIN content.lessons translated ON translated.id = translation.lesson_id
         WHERE translated.organization_id = $1 AND translated.track_id = $2 AND translated.version = $3
       ) locales
       CROSS JOIN content.lessons lesson
       WHERE lesson.organization_id = $1 AND lesson.track_id = $2 AND lesson.version = $3
         AND NOT EXISTS (
           SELECT 1 FROM content.lesson_translations translation
           WHERE translation.lesson_id = lesson.id AND translation.locale = locales.locale
         )
       ORDER BY locales.locale, lesson.position`,
      [organizationId, trackId, version],
    );
    const gaps = new Map<string, string[]>();
    for (const row of rows) gaps.set(row.locale, [...(gaps.get(row.locale) ?? []), row.lesson_id]);
    return [...gaps].map(([locale, lessonIds]) => ({ locale, lessonIds }));
  }
}

/** The lesson as it reads in a translation; its questions follow through `viewLocale`. */
export function inLocale(lesson: Lesson, translation: LessonTranslation): Lesson {
  return Object.assign(new Lesson(), lesson, {
    title: translation.title,
    body: translation.body,
    leaderPrompt: translation.leaderPrompt ?? lesson.leaderPrompt,
    leaderListenFor: translation.leaderListenFor ?? lesson.leaderListenFor,
    viewLocale: translation.locale,
  });
}
