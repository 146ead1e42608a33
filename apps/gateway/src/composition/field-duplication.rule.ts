import { GraphQLError, Kind, type SelectionNode, type ValidationRule } from 'graphql';

/**
 * Refuses a document that selects the same field, or spreads the same fragment, again in a
 * selection set where it is already selected, more than `limit` times in all. Execution
 * merges the repeats, so they buy a caller nothing, but validation compares every repeat
 * with every other: graphql-cop's "field duplication" sends `__typename` five hundred
 * times, which the cost limit lets through because `__typename` is cheap. Repeats that
 * different fragments bring in are not counted: fragments written for different parts of
 * a client overlap as a matter of course.
 */
export function fieldDuplicationRule(limit: number): ValidationRule {
  return (context) => {
    let duplicates = 0;
    return {
      SelectionSet(selectionSet) {
        const seen = new Set<string>();
        for (const selection of selectionSet.selections) {
          const key = repeatableKey(selection);
          if (key === undefined) continue;
          if (!seen.has(key)) {
            seen.add(key);
            continue;
          }
          duplicates += 1;
          if (duplicates === limit + 1) {
            context.reportError(
              new GraphQLError(`Field duplication limit of ${limit} exceeded: "${key}" is selected again.`, {
                nodes: [selection],
              }),
            );
          }
        }
      },
    };
  };
}

/** What makes a selection the same as another beside it: a field's response name, a spread's fragment. */
function repeatableKey(selection: SelectionNode): string | undefined {
  switch (selection.kind) {
    case Kind.FIELD:
      return selection.alias?.value ?? selection.name.value;
    case Kind.FRAGMENT_SPREAD:
      return `...${selection.name.value}`;
    case Kind.INLINE_FRAGMENT:
      return undefined;
  }
}
