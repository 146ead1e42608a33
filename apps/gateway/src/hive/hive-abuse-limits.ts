import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, validate, ValidationContext } from 'graphql';
import { ABUSE_LIMITS, armorConfig } from '../composition/abuse-limits';
import { fieldDuplicationRule } from '../composition/field-duplication.rule';
import { VALIDATION_OPTIONS } from '../composition/one-refusal.plugin';

/**
 * Tend's abuse limits in Hive Gateway, as Tend's gateway applies them (see abuseLimits):
 * graphql-armor's limits with the same settings, Tend's field duplication limit, and a
 * refused document answered with its first error only. Without them an operator who put
 * Hive in front would serve every document graphql-cop sends.
 */
export function useTendAbuseLimits(introspectionAllowed: boolean): GatewayPlugin[] {
  const oneRefusal: GatewayPlugin = {
    onValidate({ addValidationRule, setValidationFn }) {
      addValidationRule(fieldDuplicationRule(ABUSE_LIMITS.duplicateFields));
      // graphql's own validate, called as graphql types it: envelop's type for the function
      // it hands plugins has the options and the TypeInfo the other way round.
      setValidationFn((schema, document, rules) => validate(schema, document, rules, VALIDATION_OPTIONS));
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.slice(0, 1));
      };
    },
  };
  const armor = armorConfig(introspectionAllowed);
  return [
    EnvelopArmorPlugin({
      ...armor,
      maxDepth: reported(armor.maxDepth),
      costLimit: reported(armor.costLimit),
      maxAliases: reported(armor.maxAliases),
      maxDirectives: reported(armor.maxDirectives),
    }),
    oneRefusal,
  ];
}

/**
 * A limit's refusal reported as a validation error, as ApolloArmor does, rather than thrown
 * out of validation, which Hive would answer as an internal error.
 */
function reported<T extends object>(limit: T) {
  return {
    ...limit,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
}
