import { Field, ID, ObjectType } from '@nestjs/graphql';

/** A question once missed, as a question review brings it back: without its answer, until answered. */
@ObjectType({ description: 'A quiz or scenario question the learner once got wrong, to answer again' })
export class ReviewQuestion {
  @Field(() => ID, { description: "The question's id in its lesson" })
  id!: string;

  @Field({ description: "In the learner's locale" })
  prompt!: string;

  @Field(() => [String], { description: 'Answer with answerReview(deliveryId, choice), the index of the one chosen' })
  choices!: string[];
}
