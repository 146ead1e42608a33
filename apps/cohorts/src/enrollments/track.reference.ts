import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Content owns tracks; an enrollment points at one and the gateway fetches its fields from content. */
@ObjectType('Track')
@Directive('@key(fields: "id", resolvable: false)')
export class TrackReference {
  @Field(() => ID)
  id!: string;
}
