import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PersonReference } from '../deliveries/federated-references';

/** Stored in `deliveries.response`, the column a leader prompt's answer uses. */
export enum CareerConversationOutcome {
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
}
registerEnumType(CareerConversationOutcome, { name: 'CareerConversationOutcome' });

@ObjectType({ description: 'A career conversation a leader is due to have with one direct report' })
export class CareerConversation {
  @Field(() => PersonReference, { description: 'The direct report to talk with' })
  report!: PersonReference;

  @Field(() => CareerConversationOutcome, { nullable: true, description: 'Null until the leader records it' })
  outcome!: CareerConversationOutcome | null;

  @Field(() => String, { nullable: true, description: "The leader's note, when they wrote one" })
  note!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  recordedAt!: Date | null;
}
