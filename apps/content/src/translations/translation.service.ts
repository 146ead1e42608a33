import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, canonicalLocaleOrRefuse, DomainError } from '@tend/graphql';
import { QuestionShape } from '../lessons/lesson-rules';
import { Lesson } from '../lessons/lesson.entity';
import { LessonErrors } from '../lessons/lesson.errors';
import { lockDraft } from '../drafts/track-drafts';
import { LessonTranslationInput, TranslateLessonInput } from './dto/translate-lesson.input';
import { LessonTranslation } from '../lessons/lesson-translation.entity';
import { inLocale } from '../lessons/locale';

export interface TranslationGapShape {
  locale: string;
  lessonIds: string[];
}

@Injectable()
export class TranslationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
      const { track, draftVersion } = await lockDraft(manager, organizationId, lesson.trackId);
      if (lesson.version !== draftVersion) throw LessonErrors.published();
      const original = lesson.questions ?? [];
      const violation = translationRuleViolation(original, input, track.defaultLocale);
      if (violation) throw violation;
      const translation = manager
        .getRepository(LessonTranslation)
        .create(
          translationRow(organizationId, lesson.id, canonicalLocaleOrRefuse(input.locale, 'input.locale'), input),
        );
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

/**
 * Why a translation does not fit its lesson, if it does not: a locale that is
 * no BCP 47 tag or is the track's default, or questions of another shape (as
 * many, with as many choices, so the answer key fits every language).
 * `path` is where the translation sits in the caller's input.
 */
export function translationRuleViolation(
  original: Pick<QuestionShape, 'choices'>[],
  input: LessonTranslationInput,
  defaultLocale: string,
  path = 'input',
): DomainError | undefined {
  let locale: string;
  try {
    locale = canonicalLocaleOrRefuse(input.locale, `${path}.locale`);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  if (locale === defaultLocale) {
    return badInput(`${path}.locale`, 'is the track’s default locale: edit the lesson itself');
  }
  const questions = input.questions ?? [];
  if (questions.length !== original.length) {
    return badInput(`${path}.questions`, `the lesson has ${original.length} questions; translate each of them`);
  }
  for (const [index, question] of questions.entries()) {
    const choices = original[index].choices.length;
    if (question.choices.length !== choices) {
      return badInput(`${path}.questions.${index}.choices`, `the original has ${choices} choices, in the same order`);
    }
    if (question.choiceFeedback && question.choiceFeedback.length !== choices) {
      return badInput(`${path}.questions.${index}.choiceFeedback`, 'one per choice, in the same order');
    }
  }
  return undefined;
}

/** The row a translation is stored as, its locale already canonical. */
export function translationRow(
  organizationId: string,
  lessonId: string,
  locale: string,
  input: LessonTranslationInput,
): Omit<LessonTranslation, 'createdAt' | 'updatedAt'> {
  return {
    organizationId,
    lessonId,
    locale,
    title: input.title,
    body: input.body,
    questions: (input.questions ?? []).map((question) => ({
      prompt: question.prompt,
      choices: question.choices,
      choiceFeedback: (question.choiceFeedback ?? []).map((choice) => ({
        explanation: choice.explanation,
        consequence: choice.consequence ?? null,
      })),
    })),
    leaderPrompt: input.leaderPrompt ?? null,
    leaderListenFor: input.leaderListenFor ?? null,
  };
}
