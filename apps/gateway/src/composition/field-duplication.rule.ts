import { GraphQLError, Kind, type ValidationRule } from 'graphql';

/**
 * Refuses a document that selects the same field again in a selection set where it is
 * already selected, more than `limit` times in all. Execution merges the repeats, so they
 * buy a caller nothing, but validation compares every repeat with every other: graphql-cop's
 * "field duplication" sends `__typename` five hundred times, which the cost limit lets
 * through because `__typename` is cheap. Repeats that fragments bring in are not counted:
 * fragments written for different parts of a client overlap as a matter of course.
 */
export function fieldDuplicationRule(limit: number): ValidationRule {
  return (context) => {
    let duplicates = 0;
    return {
      SelectionSet(selectionSet) {
        const seen = new Set<string>();
        for (const selection of selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const responseName = selection.alias?.value ?? selection.name.value;
          if (!seen.has(responseName)) {
            seen.add(responseName);
            continue;
          }
          duplicates += 1;
          if (duplicates === limit + 1) {
            context.reportError(
              new GraphQLError(`Field duplication limit of ${limit} exceeded: "${responseName}" is selected again.`, {
                nodes: [selection],
              }),
            );
          }
        }
      },
    };
  };
}
