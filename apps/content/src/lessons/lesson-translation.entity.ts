import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface TranslatedQuestion {
  prompt: string;
  choices: string[];
  choiceFeedback: { explanation: string; consequence: string | null }[];
}

/** A lesson's text in one more locale; frozen with the lesson once its version is published. */
@Entity({ schema: 'content', name: 'lesson_translations' })
export class LessonTranslation {
  @PrimaryColumn('uuid')
  lessonId!: string;

  /** Canonical BCP 47. */
  @PrimaryColumn('text')
  locale!: string;

  @Index()
  @Column('uuid')
  organizationId!: string;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  /** In the lesson's question order, with the same number of choices. */
  @Column('jsonb')
  questions!: TranslatedQuestion[];

  @Column('text', { nullable: true })
  leaderPrompt!: string | null;

  @Column('text', { nullable: true })
  leaderListenFor!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
