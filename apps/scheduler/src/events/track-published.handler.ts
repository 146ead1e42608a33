import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { TrackLesson } from '../projections/track-lesson.entity';
import { EventHandler } from './event-handler';

/**
 * Keeps the lesson sequence, answer keys and texts of a published version; a version never
 * changes once published, but an event published again may bring texts the first did not carry.
 */
@Injectable()
export class TrackPublishedHandler implements EventHandler<'content.track_published'> {
  async apply(manager: EntityManager, event: DomainEvent<'content.track_published'>): Promise<boolean> {
    const { trackId, version, lessons } = event.payload;
    if (lessons.length === 0) return false;
    await manager
      .createQueryBuilder()
      .insert()
      .into(TrackLesson)
      .values(
        lessons.map((lesson) => ({
          trackId,
          version,
          position: lesson.position,
          lessonId: lesson.lessonId,
          organizationId: event.organizationId,
          title: lesson.title,
          kind: lesson.kind,
          minutes: lesson.minutes,
          questions: lesson.questions,
          reviewCards: lesson.reviewCards ?? [],
          leaderPrompt: lesson.leaderPrompt ?? null,
          leaderListenFor: lesson.leaderListenFor ?? null,
          body: lesson.body ?? null,
          translations: lesson.translations ?? null,
          competencies: lesson.competencies ?? null,
        })),
      )
      // A version published again brings the texts and competencies its first event did not carry;
      // nothing else of it changes, and an event without texts, however late, takes nothing away.
      .orUpdate(['body', 'translations', 'competencies'], ['track_id', 'version', 'position'], {
        overwriteCondition: { where: 'EXCLUDED.body IS NOT NULL' },
      })
      .execute();
    // Learners enrolled before the track reached us have been waiting for it.
    return true;
  }
}
