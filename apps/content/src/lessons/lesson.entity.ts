import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { TenantEntity } from '@tend/database';

export enum LessonKind {
  READ = 'READ',
  SCENARIO = 'SCENARIO',
  QUIZ = 'QUIZ',
  REFLECTION = 'REFLECTION',
}
registerEnumType(LessonKind, { name: 'LessonKind' });

@ObjectType({ description: 'One 1-10 minute lesson of a track' })
// The one key other subgraphs reach a lesson by names its reader's locale too (null: the default text).
@Directive('@key(fields: "id readerLocale")')
@Entity({ schema: 'content', name: 'lessons' })
@Index(['trackId', 'version', 'position'], { unique: true })
export class Lesson extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  trackId!: string;

  /** The track version this lesson belongs to; once that version is published the row never changes. */
  @Column('int')
  version!: number;

  @Field(() => Int, { description: 'Order within the track, from 1' })
  @Column('int')
  position!: number;

  // Shareable: the scheduler serves a delivered lesson's text too (LessonReference, in its subgraph).
  @Directive('@shareable')
  @Field()
  @Column('text')
  title!: string;

  @Directive('@shareable')
  @Field(() => LessonKind)
  @Column('text')
  kind!: LessonKind;

  @Directive('@shareable')
  @Field({ description: 'Markdown' })
  @Column('text')
  body!: string;

  @Directive('@shareable')
  @Field(() => Int)
  @Column('int')
  minutes!: number;

  @Field(() => String, {
    nullable: true,
    description: 'What a leader should ask their team the week this lesson goes out',
  })
  @Column('text', { nullable: true })
  leaderPrompt!: string | null;

  @Field(() => [String], { description: 'Competencies such as listening or service recovery' })
  @Column('text', { array: true })
  tags!: string[];

  @Field(() => String, { nullable: true, description: 'What the leader listens for in the answers to the prompt' })
  @Column('text', { nullable: true })
  leaderListenFor!: string | null;

  /** The translation this lesson is shown in, if any; its questions follow it. */
  viewLocale?: string;

  /**
   * The locale of the person a delivery brought this lesson to: the scheduler
   * names it in its reference, and the lesson comes in the nearest translation.
   */
  @Field(() => String, {
    nullable: true,
    description:
      'The locale of the person it was delivered to, when reached through a delivery; it picks the translation',
  })
  readerLocale?: string | null;

  @OneToMany(() => Question, (question) => question.lesson, { cascade: ['insert'] })
  questions?: Question[];

  @OneToMany(() => ReviewCard, (card) => card.lesson, { cascade: ['insert'] })
  reviewCards?: ReviewCard[];
}

@ObjectType({ description: 'A multiple-choice question; the correct answer is never sent to learners' })
@Entity({ schema: 'content', name: 'questions' })
@Index(['lessonId', 'position'], { unique: true })
export class Question extends TenantEntity {
  // Shareable, like the lesson's text: the scheduler serves a delivered lesson's questions too.
  @Directive('@shareable')
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  lessonId!: string;

  @ManyToOne(() => Lesson, (lesson) => lesson.questions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  @Column('int')
  position!: number;

  @Directive('@shareable')
  @Field()
  @Column('text')
  prompt!: string;

  @Directive('@shareable')
  @Field(() => [String])
  @Column('text', { array: true })
  choices!: string[];

  @Column('int')
  correctIndex!: number;

  @Column('text', { nullable: true })
  explanation!: string | null;

  /** One per choice; like the answer key, never part of the Question type. */
  @Column('jsonb')
  choiceFeedback!: { explanation: string; consequence: string | null }[];
}

@ObjectType({ description: 'A retrieval-practice card that spaced reviews bring back' })
@Directive('@key(fields: "id")')
@Entity({ schema: 'content', name: 'review_cards' })
@Index(['lessonId', 'position'], { unique: true })
export class ReviewCard extends TenantEntity {
  @Field(() => ID)
  override id!: string;

  @Column('uuid')
  lessonId!: string;

  @ManyToOne(() => Lesson, (lesson) => lesson.reviewCards, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  @Column('int')
  position!: number;

  // Shareable: the scheduler serves a due review's card too, from its projection.
  @Directive('@shareable')
  @Field()
  @Column('text')
  front!: string;

  @Directive('@shareable')
  @Field()
  @Column('text')
  back!: string;
}
