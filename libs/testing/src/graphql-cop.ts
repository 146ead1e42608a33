/**
 * The documents graphql-cop (github.com/dolevf/graphql-cop) sends for its denial-of-service
 * checks, character for character, so a spec that refuses them refuses what its run sends.
 */
export const GRAPHQL_COP = {
  /** 101 aliases of `__typename`: a finding when `alias100` comes back. */
  aliasOverloading: `query cop { ${Array.from({ length: 101 }, (_, index) => `alias${index}:__typename \n`).join('')} }`,
  /** Ten repeats of an unknown directive: a finding when ten errors come back. */
  directiveOverloading: 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }',
  /** `__typename` five hundred times: a finding when it comes back. */
  fieldDuplication: `query cop { ${'__typename \n'.repeat(500)}} `,
  /** Two fragments that spread each other: a finding when no error comes back. */
  circularFragment:
    'query cop { __schema { ...A } } fragment A on __Schema { __typename ...B } fragment B on __Schema { ...A }',
} as const;
