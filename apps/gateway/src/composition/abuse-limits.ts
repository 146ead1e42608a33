import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import { fieldDuplicationRule } from './field-duplication.rule';
import { oneRefusalPlugin, VALIDATION_OPTIONS } from './one-refusal.plugin';

/** graphql-armor's defaults, written out so a change to them is a change here; duplicateFields is Tend's own. */
export const ABUSE_LIMITS = {
  depth: 6,
  aliases: 15,
  directives: 50,
  tokens: 1000,
  cost: 5000,
  duplicateFields: 15,
} as const;

export interface AbuseLimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  validationOptions: typeof VALIDATION_OPTIONS;
  allowBatchedHttpRequests: false;
  csrfPrevention: true;
}

/**
 * graphql-armor's settings for Tend's limits, fresh on each call: ApolloArmor rewrites
 * the object it is given. Introspection queries are exempt from depth and cost only
 * where introspection is allowed at all (development); in production nothing is
 * exempt, whatever an operation or fragment is named.
 */
export function armorConfig(introspectionAllowed: boolean) {
  return {
    maxDepth: { n: ABUSE_LIMITS.depth, ignoreIntrospection: introspectionAllowed, flattenFragments: true },
    costLimit: { maxCost: ABUSE_LIMITS.cost, ignoreIntrospection: introspectionAllowed },
    // graphql-armor lets `__typename` be aliased without counting it, and graphql-cop's alias
    // overloading is exactly a hundred aliased `__typename`s; an alias is an alias.
    maxAliases: { n: ABUSE_LIMITS.aliases, allowList: [] },
    maxDirectives: { n: ABUSE_LIMITS.directives },
    maxTokens: { n: ABUSE_LIMITS.tokens },
    blockFieldSuggestion: { enabled: true },
  };
}

/**
 * Limits every operation before it is planned, so one request cannot make the
 * gateway or the subgraphs do unbounded work.
 */
export function abuseLimits(introspectionAllowed: boolean): AbuseLimitOptions {
  const armor = new ApolloArmor(armorConfig(introspectionAllowed)).protect();
  return {
    plugins: [...armor.plugins, oneRefusalPlugin()],
    validationRules: [...armor.validationRules, fieldDuplicationRule(ABUSE_LIMITS.duplicateFields)],
    validationOptions: VALIDATION_OPTIONS,
    // One operation per HTTP request: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    // Refuses simple (form or text) POSTs and GETs without a preflight header, so a
    // browser on another site cannot send a mutation with someone's cookies.
    csrfPrevention: true,
  };
}
