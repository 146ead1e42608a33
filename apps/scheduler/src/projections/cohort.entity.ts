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

  /** HH:mm, local: nothing goes out from `quietStart` until `quietEnd`; both null without quiet hours. */
  @Column('text', { nullable: true })
  quietStart!: string | null;

  @Column('text', { nullable: true })
  quietEnd!: string | null;

  /** Of someone's cohorts, the highest brings the day's one new lesson. */
  @Column('int')
  priority!: number;

  /** Local dates (YYYY-MM-DD) without lessons. */
  @Column('text', { array: true })
  holidays!: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
