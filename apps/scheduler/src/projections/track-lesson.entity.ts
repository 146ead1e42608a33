import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PublishedLesson, PublishedLessonTranslation, PublishedQuestion, PublishedReviewCard } from '@tend/events';

export type ProjectedLessonKind = PublishedLesson['kind'];

/** One lesson of a published track version, with its answer key, from `content.track_published`. */
@Entity({ schema: 'scheduler', name: 'track_lessons' })
@Index(['trackId', 'version', 'lessonId'], { unique: true })
export class TrackLesson {
  @PrimaryColumn('uuid')
  trackId!: string;

  @PrimaryColumn('int')
  version!: number;

  /** From 1, in delivery order. */
  @PrimaryColumn('int')
  position!: number;

  @Index('track_lessons_lesson_idx')
  @Column('uuid')
  lessonId!: string;

  @Index()
  @Column('uuid')
  organizationId!: string;

  @Column('text')
  title!: string;

  @Column('text')
  kind!: ProjectedLessonKind;

  @Column('int')
  minutes!: number;

  @Column('jsonb')
  questions!: PublishedQuestion[];

  /** What spaced reviews bring back to each learner who met this lesson. */
  @Column('jsonb')
  reviewCards!: PublishedReviewCard[];

  @Column('text', { nullable: true })
  leaderPrompt!: string | null;

  @Column('text', { nullable: true })
  leaderListenFor!: string | null;

  /** The learner's text (Markdown); null until an event that carries it arrived (see the migration). */
  @Column('text', { nullable: true })
  body!: string | null;

  /** The lesson in its other locales; null like `body`. */
  @Column('jsonb', { nullable: true })
  translations!: PublishedLessonTranslation[] | null;

  /** What it teaches, which the recall forecast groups by; null until an event that carries it arrived. */
  @Column('text', { array: true, nullable: true })
  competencies!: string[] | null;
}
