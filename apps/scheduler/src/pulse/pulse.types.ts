import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { PersonReference } from '../deliveries/federated-references';

/** The question every learner gets once a week; the same words each week, so trends compare. */
export const PULSE_QUESTION = 'This week my leader helped me serve customers better.';

/** Below this many answers a group's results are withheld, so no answer can be traced to a person. */
export const MIN_ANSWERS_SHOWN = 5;

@ObjectType({ description: 'This week’s one-question pulse, until you answer it' })
export class Pulse {
  @Field({ description: 'ISO week of your local calendar, e.g. 2026-W49' })
  week!: string;

  @Field()
  question!: string;

  @Field({ description: 'Answer from 1 (not at all) to 5 (very much)' })
  scale!: string;
}

@ObjectType({ description: 'Your answer was recorded without your name' })
export class PulseReceipt {
  @Field()
  week!: string;
}

@ObjectType({ description: 'One team’s pulse in one week; results only from five answers up' })
export class PulseTeamWeek {
  @Field(() => PersonReference, { nullable: true, description: 'The team’s leader; null: the whole organization' })
  leader!: PersonReference | null;

  @Field()
  week!: string;

  @Field(() => Int)
  answers!: number;

  @Field(() => Float, { nullable: true, description: 'Null below five answers' })
  averageScore!: number | null;

  @Field(() => [Int], { nullable: true, description: 'How many answered 1, 2, 3, 4 and 5; null below five answers' })
  distribution!: number[] | null;

  @Field(() => [String], { description: 'In alphabetical order, never by time; empty below five answers' })
  comments!: string[];
}
