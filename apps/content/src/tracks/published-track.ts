import { EntityManager } from 'typeorm';
import { domainEvent, PendingEvent, PublishedLesson } from '@tend/events';
import { Lesson } from '../lessons/lesson.entity';
import { LessonTranslation } from '../lessons/lesson-translation.entity';

/**
 * The `content.track_published` event of one published version: its lesson sequence with the
 * answer keys, cards and texts (every locale) the scheduler delivers, grades and serves it with,
 * without asking content (docs/ARCHITECTURE.md#events).
 */
export async function trackPublishedEvent(
  manager: EntityManager,
  organizationId: string,
  track: { id: string; title: string; tags: string[] },
  version: number,
): Promise<PendingEvent<'content.track_published'>> {
  const lessons = await manager.getRepository(Lesson).find({
    where: { organizationId, trackId: track.id, version },
    relations: { questions: true, reviewCards: true },
    order: { position: 'ASC', questions: { position: 'ASC' }, reviewCards: { position: 'ASC' } },
  });
  const translations =
    lessons.length === 0
      ? []
      : await manager
          .getRepository(LessonTranslation)
          .createQueryBuilder('translation')
          .where('translation.organization_id = :organizationId', { organizationId })
          .andWhere('translation.lesson_id IN (:...ids)', { ids: lessons.map((lesson) => lesson.id) })
          .orderBy('translation.locale')
          .getMany();
  return domainEvent('content.track_published', {
    trackId: track.id,
    version,
    title: track.title,
    lessons: lessons.map((lesson) =>
      toPublishedLesson(
        lesson,
        translations.filter((translation) => translation.lessonId === lesson.id),
        track.tags,
      ),
    ),
  });
}

function toPublishedLesson(lesson: Lesson, translations: LessonTranslation[], trackTags: string[]): PublishedLesson {
  return {
    lessonId: lesson.id,
    position: lesson.position,
    title: lesson.title,
    kind: lesson.kind,
    minutes: lesson.minutes,
    questions: (lesson.questions ?? []).map((question) => ({
      questionId: question.id,
      prompt: question.prompt,
      choices: question.choices,
      correctIndex: question.correctIndex,
      explanation: question.explanation,
      choiceFeedback: question.choiceFeedback,
    })),
    reviewCards: (lesson.reviewCards ?? []).map((card) => ({ cardId: card.id, front: card.front, back: card.back })),
    leaderPrompt: lesson.leaderPrompt,
    leaderListenFor: lesson.leaderListenFor,
    competencies: lesson.tags.length > 0 ? lesson.tags : trackTags,
    body: lesson.body,
    translations: translations.map((translation) => ({
      locale: translation.locale,
      title: translation.title,
      body: translation.body,
      questions: translation.questions.map((question) => ({ prompt: question.prompt, choices: question.choices })),
    })),
  };
}
