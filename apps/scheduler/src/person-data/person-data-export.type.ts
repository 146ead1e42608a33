import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

/** The scheduler's part of a person's data export (cohorts owns the query and the profile). */
@ObjectType('PersonDataExport')
@Directive('@key(fields: "personId")')
export class SchedulerPersonDataExport {
  @Field(() => ID)
  personId!: string;

  @Field(() => GraphQLJSONObject, {
    description:
      'Their deliveries, answers and reflections, review states, coaching moments and career conversations about them and pulse weeks answered; never pulse answers, which are stored without the person',
  })
  learning!: Record<string, unknown>;
}
