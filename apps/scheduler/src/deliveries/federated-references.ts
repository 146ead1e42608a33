import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The other subgraphs' entities a delivery points at; the gateway fetches their fields from their owners. */

/** Resolvable here too: the scheduler adds a person's progress (apps/scheduler/src/team). */
@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonReference {
  @Field(() => ID)
  id!: string;
}

@ObjectType('Lesson')
@Directive('@key(fields: "id", resolvable: false)')
export class LessonReference {
  @Field(() => ID)
  id!: string;
}

@ObjectType('ReviewCard')
@Directive('@key(fields: "id", resolvable: false)')
export class ReviewCardReference {
  @Field(() => ID)
  id!: string;
}
