import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@tend/graphql';
import { CohortReference, PersonReference, TeamReference } from '../deliveries/federated-references';

/** What the analytics put side by side. */
export enum AnalyticsGroupBy {
  COHORT = 'COHORT',
  TEAM = 'TEAM',
  LEADER_SUBTREE = 'LEADER_SUBTREE',
}
registerEnumType(AnalyticsGroupBy, {
  name: 'AnalyticsGroupBy',
  description: 'A cohort’s members, an HR team, or everyone under a leader at any depth',
  valuesMap: {
    COHORT: { description: 'The members of each cohort' },
    TEAM: { description: 'The people of each HR team' },
    LEADER_SUBTREE: { description: 'Everyone who reports to each leader, directly or not, without the leader' },
  },
});

/** Streaks fall in these buckets, in workdays; the last one has no upper end. */
export const STREAK_BUCKETS: readonly { min: number; max: number | null }[] = [
  { min: 0, max: 0 },
  { min: 1, max: 2 },
  { min: 3, max: 5 },
  { min: 6, max: 10 },
  { min: 11, max: null },
];

@ObjectType({ description: 'How many of a group’s learners have a streak in this range, in workdays' })
export class StreakBucket {
  @Field(() => Int)
  min!: number;

  @Field(() => Int, { nullable: true, description: 'Null for the last bucket, which has no upper end' })
  max!: number | null;

  @Field(() => Int)
  learners!: number;
}

@ObjectType({
  description: 'One group’s learning over the report’s weeks; exactly one of cohort, team and leader is set',
})
export class LearningAnalyticsRow {
  @Field(() => CohortReference, { nullable: true })
  cohort!: CohortReference | null;

  @Field(() => TeamReference, { nullable: true })
  team!: TeamReference | null;

  @Field(() => PersonReference, { nullable: true, description: 'The leader whose subtree this is' })
  leader!: PersonReference | null;

  /** The cohort's, team's or leader's id, which the rows page by. */
  groupId!: string;

  @Field(() => Int, { description: 'People of the group with a lesson or a review due in the period' })
  learners!: number;

  @Field(() => Int, { description: 'Lessons due to them in the period' })
  lessonsDue!: number;

  @Field(() => Int, { description: 'Of those, the ones completed' })
  lessonsCompleted!: number;

  @Field(() => Float, { nullable: true, description: 'lessonsCompleted / lessonsDue, 0 to 1; null when none was due' })
  completionRate!: number | null;

  @Field(() => Int, { description: 'Reviews they rated in the period' })
  reviewsRated!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the rated reviews recalled (rated other than AGAIN), 0 to 1; null without reviews',
  })
  recallRate!: number | null;

  @Field(() => Float, {
    description: 'Days with a lesson or review completed, per learner and week; 0 without learners',
  })
  activeDaysPerWeek!: number;

  @Field(() => [StreakBucket], {
    description: 'The learners’ streaks today: 0, 1–2, 3–5, 6–10 and 11 or more workdays',
  })
  streakDistribution!: StreakBucket[];

  @Field(() => Float, {
    nullable: true,
    description: 'Median minutes from a completed lesson’s due time to its completion; null without completions',
  })
  medianMinutesToComplete!: number | null;
}

export const LearningAnalyticsRowConnection = Connection(LearningAnalyticsRow);
