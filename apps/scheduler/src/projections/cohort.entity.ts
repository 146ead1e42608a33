import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A cohort's cadence, from `cohorts.cohort_upserted`. */
@Entity({ schema: 'scheduler', name: 'cohorts' })
export class ProjectedCohort {
  @PrimaryColumn('uuid')
  cohortId!: string;

  @Index()
  @Column('uuid')
  organizationId!: string;

  /** The default for members without a zone of their own. */
  @Column('text')
  timezone!: string;

  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @Column('int', { array: true })
  daysOfWeek!: number[];

  /** HH:mm, local. */
  @Column('text')
  lessonTime!: string;

  @Column('int')
  promptDay!: number;

  @Column('text')
  promptTime!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
