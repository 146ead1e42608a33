import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

/** One learner's FSRS memory of one review card, from the day they met its lesson. */
@Entity({ schema: 'scheduler', name: 'card_states' })
@Index(['personId', 'cardId'], { unique: true })
export class CardState extends TenantEntity {
  @Column('uuid')
  personId!: string;

  @Column('uuid')
  cardId!: string;

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
