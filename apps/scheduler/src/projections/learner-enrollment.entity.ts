import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

/**
 * One person's progress through one enrollment: which lesson comes next and
 * when. The planner claims rows whose `nextAt` has passed; null means the
 * track is finished.
 */
@Entity({ schema: 'scheduler', name: 'learner_enrollments' })
@Index(['enrollmentId', 'personId'], { unique: true })
export class LearnerEnrollment extends TenantEntity {
  @Column('uuid')
  enrollmentId!: string;

  @Index()
  @Column('uuid')
  personId!: string;

  @Column('int')
  nextPosition!: number;

  @Column('timestamptz', { nullable: true })
  nextAt!: Date | null;

  /** From `cohorts.participation_changed`: only ACTIVE rows are planned. */
  @Column('text')
  status!: 'ACTIVE' | 'PAUSED' | 'DROPPED' | 'COMPLETED';
}
