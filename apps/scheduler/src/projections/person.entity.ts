import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryChannelName, DomainEventPayloads } from '@tend/events';

export type ProjectedRole = DomainEventPayloads['cohorts.person_upserted']['role'];

/** What the scheduler knows of a person, from `cohorts.person_upserted`. */
@Entity({ schema: 'scheduler', name: 'people' })
@Index(['organizationId', 'leaderId'])
@Index(['organizationId', 'teamId'])
export class ProjectedPerson {
  @PrimaryColumn('uuid')
  personId!: string;

  @Index()
  @Column('uuid')
  organizationId!: string;

  @Column('text')
  role!: ProjectedRole;

  /** IANA zone; it wins over the cohort's. */
  @Column('text')
  timezone!: string;

  @Column('uuid', { nullable: true })
  leaderId!: string | null;

  /** Their HR team in cohorts; null without one, or while no event since the column was added has said. */
  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Column('text')
  email!: string;

  @Column('text', { array: true })
  channels!: DeliveryChannelName[];

  /** BCP 47. */
  @Column('text')
  locale!: string;

  @Column('text', { nullable: true })
  webhookBridgeId!: string | null;

  /** False from `cohorts.person_deactivated` on: the planner passes the person by. */
  @Column('boolean')
  active!: boolean;

  /** True from `cohorts.person_erased` on: the row keeps nothing that says who they were. */
  @Column('boolean', { default: false })
  erased!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
