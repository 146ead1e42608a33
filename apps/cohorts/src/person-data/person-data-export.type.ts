import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

/**
 * Everything Tend stores about one person, one part per service that stores
 * something of them; the gateway puts the parts together in one response.
 * Content stores nothing about people, so it has no part.
 */
@ObjectType({ description: 'Everything stored about one person, for a data subject access request' })
@Directive('@key(fields: "personId")')
export class PersonDataExport {
  @Field(() => ID)
  personId!: string;

  @Field(() => GraphQLJSONObject, {
    description: 'Their profile, cohorts, enrollments and the changes they made (the audit entries)',
  })
  profile!: Record<string, unknown>;
}
