import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * graphql-js stops validating at the error after this many, and adds a notice that it
 * stopped; the plugin below drops the notice, so a document is refused with its first error.
 */
export const VALIDATION_OPTIONS = { maxErrors: 1 } as const;

/**
 * A document is refused once, with its first problem. Validation reports one error per
 * offending node, so a document that repeats an unknown directive, argument, field or
 * fragment spread a hundred times would otherwise be answered with a hundred errors: the
 * caller's few bytes buy a response, and work, that grows with every repetition
 * (graphql-cop's "directive overloading"). One error is also all a client needs to fix
 * its document, and it fixes them one at a time either way.
 *
 * A document whose operation cannot be chosen (several operations and no operationName,
 * or a name none of them has) is refused here too, before the gateway plans it: Apollo's
 * gateway throws an error of its own for it, which callers would otherwise see as an
 * internal error.
 */
export function oneRefusalPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let refusedByValidation = false;
      return {
        async validationDidStart() {
          return async (errors) => {
            refusedByValidation = (errors?.length ?? 0) > 0;
          };
        },
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          throw new GraphQLError(
            request.operationName
              ? `The document has no operation named "${request.operationName}".`
              : 'The document has more than one operation; name the one to run in operationName.',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
        async willSendResponse({ response }) {
          if (refusedByValidation && response.body.kind === 'single') {
            response.body.singleResult.errors = response.body.singleResult.errors?.slice(0, 1);
          }
        },
      };
    },
  };
}
