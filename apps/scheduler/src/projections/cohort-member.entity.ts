import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** From `cohorts.cohort_members_added`; the person may not be projected yet. */
@Entity({ schema: 'scheduler', name: 'cohort_members' })
export class CohortMember {
  @PrimaryColumn('uuid')
  cohortId!: string;

  @Index()
  @PrimaryColumn('uuid')
  personId!: string;

  @Index()
  @Column('uuid')
  organizationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}
