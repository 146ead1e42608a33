import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { Kind, OperationDefinitionNode, visit } from 'graphql';
import { Role } from '@tend/auth';
import type { CohortsInternalApi } from '../composition/cohorts-internal-api';
import type { GatewayRequestContext } from '../composition/signed-subgraph.data-source';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids a request names, in its variables or written into the operation. */
export function idsNamedIn(operation: OperationDefinitionNode, variables: unknown): string[] {
  const ids = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && UUID.test(value)) ids.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(variables);
  visit(operation, {
    StringValue: (node) => collect(node.value),
  });
  return [...ids];
}

export function mutationsIn(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
}

/**
 * Records every mutation an admin or an API client sends (who, what, when, from
 * where) in cohorts' append-only audit log. Recording happens before the
 * response leaves, so an entry exists for every change its caller saw; a
 * failure to record is logged loudly rather than undoing a committed change.
 */
export function auditTrailPlugin(cohorts: CohortsInternalApi): ApolloServerPlugin<GatewayRequestContext> {
  const logger = new Logger('AuditTrail');
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, request, response }) {
          const principal = contextValue.principal;
          if (operation?.operation !== 'mutation' || !principal || principal.kind === 'gateway') return;
          const actor =
            principal.kind === 'api-client'
              ? { actorKind: 'api-client', actorId: principal.clientId, actorRole: null }
              : principal.kind === 'person' && principal.role === Role.ADMIN
                ? { actorKind: 'person', actorId: principal.personId, actorRole: principal.role }
                : undefined;
          if (!actor) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const record = {
            organizationId: principal.organizationId,
            ...actor,
            operations: mutationsIn(operation),
            targetIds: idsNamedIn(operation, request.variables),
            outcome: errors?.length ? String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok',
            clientAddress: contextValue.clientAddress ?? null,
            requestId: contextValue.requestId ?? null,
            occurredAt: new Date().toISOString(),
          };
          try {
            const answer = await cohorts.post('/internal/audit', record);
            if (!answer.ok) throw new Error(`cohorts answered ${answer.status}`);
          } catch (error) {
            logger.error({ err: (error as Error).message, operations: record.operations }, 'AUDIT ENTRY NOT RECORDED');
          }
        },
      };
    },
  };
}
