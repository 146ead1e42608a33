import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A cohort enrolled in one published version of a track, from `cohorts.enrollment_created`. */
@Entity({ schema: 'scheduler', name: 'enrollments' })
@Index(['trackId', 'trackVersion'])
export class ProjectedEnrollment {
  @PrimaryColumn('uuid')
  enrollmentId!: string;

  @Index()
  @Column('uuid')
  organizationId!: string;

  @Index()
  @Column('uuid')
  cohortId!: string;

  @Column('uuid')
  trackId!: string;

  @Column('int')
  trackVersion!: number;

  /** YYYY-MM-DD, read in each learner's own calendar. */
  @Column('date')
  startsOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
