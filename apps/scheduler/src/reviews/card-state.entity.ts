import { registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

/** What a spaced review brings back. */
export enum ReviewItemKind {
  /** A lesson's review card, which the learner rates themselves. */
  CARD = 'CARD',
  /** A question of a quiz or scenario the learner got wrong, answered again. */
  QUESTION = 'QUESTION',
}
registerEnumType(ReviewItemKind, {
  name: 'ReviewItemKind',
  description: 'What a spaced review brings back: a review card to rate, or a question once missed to answer again',
});

/**
 * One learner's FSRS memory of one item of their review deck: a review card, from the day they
 * met its lesson, or a question they got wrong, from the day they missed it (`cardId` then holds
 * the question's id).
 */
@Entity({ schema: 'scheduler', name: 'card_states' })
@Index(['personId', 'cardId'], { unique: true })
export class CardState extends TenantEntity {
  @Column('uuid')
  personId!: string;

  @Column('uuid')
  cardId!: string;

  @Column('text')
  kind!: ReviewItemKind;

  @Column('uuid')
  lessonId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  due!: Date;

  @Column('float8')
  stability!: number;

  @Column('float8')
  difficulty!: number;

  @Column('int')
  elapsedDays!: number;

  @Column('int')
  scheduledDays!: number;

  @Column('int')
  learningSteps!: number;

  @Column('int')
  reps!: number;

  @Column('int')
  lapses!: number;

  /** ts-fsrs's State: 0 new, 1 learning, 2 review, 3 relearning. */
  @Column('int')
  state!: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastReview!: Date | null;
}
