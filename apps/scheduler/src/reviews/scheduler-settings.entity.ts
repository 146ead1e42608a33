import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DEFAULT_CAREER_CONVERSATION_EVERY_WEEKS } from '../career-conversations/career-conversation-calendar';
import { DEFAULT_REVIEWS_PER_DAY } from './review-bundle';

export const DEFAULT_DESIRED_RETENTION = 0.9;
export const DEFAULT_LEADER_LEAD_DAYS = 2;

/** An organization's scheduling choices; an organization without a row has the defaults. */
@ObjectType({
  description: "How the organization's spaced reviews, leaders' lessons and career conversations are scheduled",
})
@Entity({ schema: 'scheduler', name: 'scheduler_settings' })
export class SchedulerSettings {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @Field(() => Int, { description: 'At most this many reviews join a daily bundle (default 3)' })
  @Column('int')
  reviewsPerDay!: number;

  @Field(() => Float, { description: 'The recall FSRS aims for when a card comes back (default 0.90)' })
  @Column('numeric', { precision: 4, scale: 3, transformer: { to: (value: number) => value, from: Number } })
  desiredRetention!: number;

  @Field(() => Int, {
    description: 'A leader enrolled with their team takes each lesson this many workdays before the team (default 2)',
  })
  @Column('int')
  leaderLeadDays!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Streak repair: a streak survives one missed workday in this many lesson days (2-30); null, the default: any missed workday breaks it',
  })
  @Column('int', { nullable: true })
  streakRepairOneIn!: number | null;

  @Field(() => Int, {
    description:
      'Every this many weeks (2-26) a leader gets a career conversation with each direct report; 0: none (default 6)',
  })
  @Column('int')
  careerConversationEveryWeeks!: number;

  /** The FSRS parameters of the organization's adopted fit; null: FSRS's defaults (`memory-model/`). */
  @Column('float8', { array: true, nullable: true })
  memoryParameters!: number[] | null;

  @Column('uuid', { nullable: true })
  memoryModelFitId!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export function defaultSettings(organizationId: string): SchedulerSettings {
  return Object.assign(new SchedulerSettings(), {
    organizationId,
    reviewsPerDay: DEFAULT_REVIEWS_PER_DAY,
    desiredRetention: DEFAULT_DESIRED_RETENTION,
    leaderLeadDays: DEFAULT_LEADER_LEAD_DAYS,
    streakRepairOneIn: null,
    careerConversationEveryWeeks: DEFAULT_CAREER_CONVERSATION_EVERY_WEEKS,
    memoryParameters: null,
    memoryModelFitId: null,
  });
}
