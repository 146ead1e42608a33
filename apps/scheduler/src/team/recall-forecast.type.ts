import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '@tend/graphql';
import { PersonReference } from '../deliveries/federated-references';

@ObjectType({ description: "The team's expected recall of one competency on the forecast's Friday" })
export class CompetencyRecall {
  @Field(() => String, {
    nullable: true,
    description: 'A competency tag of the lessons (or, for lessons without one, of their track); null: neither has one',
  })
  competency!: string | null;

  @Field(() => Float, {
    description:
      "The mean of FSRS's recall probability, that Friday at 17:00, over the team's cards and missed questions of it",
  })
  expectedRecall!: number;

  @Field(() => Int, { description: 'Cards and missed questions of the competency in the team members’ decks' })
  items!: number;

  @Field(() => [PersonReference], { description: 'Who has a review of it due by then' })
  peopleDue!: PersonReference[];

  @Field({ description: 'One line for the leader: "acknowledge first: 72% expected recall, 3 people due"' })
  summary!: string;
}

@ObjectType({ description: "What a leader's team is expected to recall this Friday, per competency, lowest first" })
export class RecallForecast {
  @Field(() => LocalDateScalar, { description: "The Friday, in the leader's own calendar" })
  friday!: string;

  @Field(() => [CompetencyRecall])
  competencies!: CompetencyRecall[];
}
