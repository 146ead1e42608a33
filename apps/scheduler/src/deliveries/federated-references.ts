import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** The other subgraphs' entities a delivery points at; the gateway fetches their fields from their owners. */

/** Resolvable here too: the scheduler adds a person's progress (apps/scheduler/src/team). */
@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonReference {
  @Field(() => ID)
  id!: string;
}

/** A cohort, owned by cohorts: the scheduler's analytics name one by id, and its name comes from there. */
@ObjectType('Cohort')
@Directive('@key(fields: "id", resolvable: false)')
export class CohortReference {
  @Field(() => ID)
  id!: string;
}

/** An HR team, owned by cohorts: the scheduler's analytics name one by id, and its name comes from there. */
@ObjectType('Team')
@Directive('@key(fields: "id", resolvable: false)')
export class TeamReference {
  @Field(() => ID)
  id!: string;
}

/** Content's lesson kinds, which the scheduler serves with a delivered lesson's text. */
export enum LessonKind {
  READ = 'READ',
  SCENARIO = 'SCENARIO',
  QUIZ = 'QUIZ',
  REFLECTION = 'REFLECTION',
}
registerEnumType(LessonKind, { name: 'LessonKind' });

/** A question as a learner reads it, which the scheduler serves with a delivered lesson. */
@ObjectType('Question')
export class ProvidedQuestion {
  @Field(() => ID)
  @Directive('@external')
  id!: string;

  @Field()
  @Directive('@external')
  prompt!: string;

  @Field(() => [String])
  @Directive('@external')
  choices!: string[];
}

/**
 * A lesson, with the locale of the person who reads it when the scheduler
 * knows it (a delivery's lesson): content serves the nearest translation.
 * The text fields are content's; the scheduler serves them only where a field says it
 * provides them (`PROVIDED_LESSON_FIELDS`), from its projection of the published version.
 */
@ObjectType('Lesson')
@Directive('@key(fields: "id readerLocale", resolvable: false)')
export class LessonReference {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  readerLocale?: string | null;

  // Declared as content declares them; only a field that provides them resolves them here.
  @Field()
  @Directive('@external')
  title?: string;

  @Field()
  @Directive('@external')
  body?: string;

  @Field(() => Int)
  @Directive('@external')
  minutes?: number;

  @Field(() => LessonKind)
  @Directive('@external')
  kind?: LessonKind;

  @Field(() => [ProvidedQuestion])
  @Directive('@external')
  questions?: ProvidedQuestion[];
}

/**
 * What the scheduler serves of a delivered lesson itself, in its reader's locale (see
 * `LessonTexts`), so a learner's `today` asks no other subgraph.
 */
export const PROVIDED_LESSON_FIELDS = 'title body minutes kind questions { id prompt choices }';

/** A review's card; content's, served here too where a field provides it (`PROVIDED_CARD_FIELDS`). */
@ObjectType('ReviewCard')
@Directive('@key(fields: "id", resolvable: false)')
export class ReviewCardReference {
  @Field(() => ID)
  id!: string;

  @Field()
  @Directive('@external')
  front?: string;

  @Field()
  @Directive('@external')
  back?: string;
}

/** What the scheduler serves of a due review's card itself, from the projection of its lesson. */
export const PROVIDED_CARD_FIELDS = 'front back';
