import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@tend/database';

@Entity({ schema: 'cohorts', name: 'cohort_members' })
@Index(['cohortId', 'personId'], { unique: true })
export class CohortMember extends TenantEntity {
  @Column('uuid')
  cohortId!: string;

  @Index()
  @Column('uuid')
  personId!: string;

  @Column('boolean')
  byRule!: boolean;
}
