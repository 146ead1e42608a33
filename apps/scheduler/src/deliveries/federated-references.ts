import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The other subgraphs' entities a delivery points at; the gateway fetches their fields from their owners. */

/** Resolvable here too: the scheduler adds a person's progress (apps/scheduler/src/team). */
@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonReference {
  @Field(() => ID)
  id!: string;
}

/**
 * A lesson, with the locale of the person who reads it when the scheduler
 * knows it (a delivery's lesson): content serves the nearest translation.
 */
@ObjectType('Lesson')
@Directive('@key(fields: "id readerLocale", resolvable: false)')
export class LessonReference {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  readerLocale?: string | null;
}

@ObjectType('ReviewCard')
@Directive('@key(fields: "id", resolvable: false)')
export class ReviewCardReference {
  @Field(() => ID)
  id!: string;
}
