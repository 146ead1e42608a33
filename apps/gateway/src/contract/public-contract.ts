import { Supergraph } from '@apollo/federation-internals';
import { Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';

/** The reason graphql-js writes when `@deprecated` is given none: it tells a client nothing. */
const DEFAULT_DEPRECATION_REASON = 'No longer supported';

/** The schema clients see: the supergraph without its federation machinery, sorted, as SDL. */
export function publicSchemaOf(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return printSchema(lexicographicSortSchema(api));
}

/** A breaking change of the public schema as the changelog must name it: its schema path and what graphql-inspector says. */
export interface BreakingChange {
  path: string;
  message: string;
}

/** What a change of the public schema breaks, between the last release and now (graphql-inspector's rules). */
export async function breakingChanges(releasedSdl: string, currentSdl: string): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path ?? change.message, message: change.message }));
}

/**
 * The Unreleased section's breaking changes: each bullet of its `### Breaking changes`, with the
 * schema paths it names in backticks and the migration path it gives after `Migration:`.
 */
export function unreleasedBreakingEntries(changelog: string): { paths: string[]; migration: string }[] {
  const unreleased = /^## Unreleased\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog)?.[1] ?? '';
  const breaking = /^### Breaking changes\s*$([\s\S]*?)(?=^##|(?![\s\S]))/m.exec(unreleased)?.[1] ?? '';
  return breaking
    .split(/^- /m)
    .slice(1)
    .map((entry) => {
      const text = entry.replace(/\s+/g, ' ').trim();
      return {
        paths: [...text.matchAll(/`([^`]+)`/g)].map(([, path]) => path),
        migration: /Migration:\s*(.*)$/.exec(text)?.[1]?.trim() ?? '',
      };
    });
}

/** Fields, arguments, input fields and enum values deprecated without a reason a client can act on. */
export function deprecationsWithoutReason(sdl: string): string[] {
  const schema: GraphQLSchema = buildSchema(sdl);
  const unexplained = (reason: string | null | undefined) => !reason?.trim() || reason === DEFAULT_DEPRECATION_REASON;
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason != null && unexplained(field.deprecationReason)) {
          found.push(`${type.name}.${field.name}`);
        }
        for (const arg of 'args' in field ? field.args : []) {
          if (arg.deprecationReason != null && unexplained(arg.deprecationReason)) {
            found.push(`${type.name}.${field.name}.${arg.name}`);
          }
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (value.deprecationReason != null && unexplained(value.deprecationReason))
          found.push(`${type.name}.${value.name}`);
      }
    }
  }
  return found;
}

/**
 * What keeps the current public schema from being released as it is: each breaking change since
 * the last release that the changelog's Unreleased section does not name with a migration path,
 * and each deprecation without a reason.
 */
export async function contractViolations(
  releasedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<string[]> {
  const entries = unreleasedBreakingEntries(changelog);
  const unnamed = (await breakingChanges(releasedSdl, currentSdl)).filter(
    (change) => !entries.some((entry) => entry.migration !== '' && entry.paths.includes(change.path)),
  );
  return [
    ...unnamed.map(
      (change) =>
        `${change.message} (\`${change.path}\`): a breaking change; name \`${change.path}\` under "## Unreleased" / ` +
        '"### Breaking changes" in CHANGELOG.md, with "Migration:" and what clients do instead',
    ),
    ...deprecationsWithoutReason(currentSdl).map(
      (path) => `\`${path}\` is deprecated without a reason: say what to use instead, @deprecated(reason: "...")`,
    ),
  ];
}
