import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@tend/graphql';
import { PersonReference } from '../deliveries/federated-references';

@ObjectType({ description: 'One leader side by side with the others, over the report’s weeks' })
export class LeaderReportRow {
  @Field(() => PersonReference)
  leader!: PersonReference;

  @Field(() => Int, { description: 'People who report to the leader directly' })
  teamSize!: number;

  @Field(() => Float, { description: 'Coaching moments the leader logged, per week' })
  coachingMomentsPerWeek!: number;

  @Field(() => Int, { description: 'Weekly prompts the leader received in the period' })
  promptsSent!: number;

  @Field(() => Int, { description: 'Of those, the ones the leader marked done' })
  promptsDone!: number;

  @Field(() => Int, {
    description: 'Career conversations with direct reports that came due to the leader in the period',
  })
  careerConversationsDue!: number;

  @Field(() => Int, { description: 'Of those, the ones the leader recorded done' })
  careerConversationsDone!: number;

  @Field(() => Int, { description: 'Of those, the ones the leader recorded skipped' })
  careerConversationsSkipped!: number;

  @Field(() => Int, { description: 'Lessons due to the team in the period' })
  lessonsDue!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of those lessons completed, 0 to 1; null when none was due',
  })
  teamCompletion!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the team’s rated reviews recalled (rated other than AGAIN), 0 to 1; null without reviews',
  })
  teamRecall!: number | null;

  @Field(() => [Float], {
    nullable: 'items',
    description: 'The team’s pulse average per week, oldest first; null for a week with fewer than five answers',
  })
  pulseTrend!: (number | null)[];
}

export const LeaderReportRowConnection = Connection(LeaderReportRow);
