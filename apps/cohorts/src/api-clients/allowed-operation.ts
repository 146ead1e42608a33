import { createHash } from 'node:crypto';
import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLError, Kind, parse } from 'graphql';
import { badInput } from '@tend/graphql';

@ObjectType({ description: 'An operation an API client is allowed to run' })
export class AllowedOperation {
  @Field({ description: 'SHA-256 (hex) of the document, as Apollo persisted queries name it' })
  sha256!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field()
  document!: string;
}

/**
 * Each document must parse and hold exactly one operation, so a hash always
 * names one thing to run. Checking it against the schema is the gateway's job
 * at each request; the supergraph may change after registration.
 */
export function allowedOperationsFrom(documents: string[]): AllowedOperation[] {
  const bySha = new Map<string, AllowedOperation>();
  documents.forEach((document, index) => {
    const operations = parseOrRefuse(document, index).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (operations.length !== 1) {
      throw badInput(`input.operations.${index}`, 'must hold exactly one operation');
    }
    const sha256 = createHash('sha256').update(document).digest('hex');
    bySha.set(sha256, { sha256, name: operations[0].name?.value ?? null, document });
  });
  return [...bySha.values()];
}

function parseOrRefuse(document: string, index: number): ReturnType<typeof parse> {
  try {
    return parse(document, { maxTokens: 2_000 });
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw badInput(`input.operations.${index}`, `is not a GraphQL document: ${error.message}`);
    }
    throw error;
  }
}
