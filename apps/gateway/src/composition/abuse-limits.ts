import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';

/** graphql-armor's defaults, written out so a change to them is a change here. */
export const ABUSE_LIMITS = {
  depth: 6,
  aliases: 15,
  directives: 50,
  tokens: 1000,
  cost: 5000,
} as const;

export interface AbuseLimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  allowBatchedHttpRequests: false;
  csrfPrevention: true;
}

/**
 * Limits every operation before it is planned, so one request cannot make the
 * gateway or the subgraphs do unbounded work. Introspection queries are exempt
 * from depth and cost only where introspection is allowed at all (development);
 * in production nothing is exempt, whatever an operation or fragment is named.
 */
export function abuseLimits(introspectionAllowed: boolean): AbuseLimitOptions {
  const armor = new ApolloArmor({
    maxDepth: { n: ABUSE_LIMITS.depth, ignoreIntrospection: introspectionAllowed, flattenFragments: true },
    costLimit: { maxCost: ABUSE_LIMITS.cost, ignoreIntrospection: introspectionAllowed },
    maxAliases: { n: ABUSE_LIMITS.aliases },
    maxDirectives: { n: ABUSE_LIMITS.directives },
    maxTokens: { n: ABUSE_LIMITS.tokens },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    plugins: armor.plugins,
    validationRules: armor.validationRules,
    // One operation per HTTP request: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    // Refuses simple (form or text) POSTs and GETs without a preflight header, so a
    // browser on another site cannot send a mutation with someone's cookies.
    csrfPrevention: true,
  };
}
