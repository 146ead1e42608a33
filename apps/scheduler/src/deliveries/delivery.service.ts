import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { Caller, RequestContext, requestScoped, Role } from '@tend/auth';
import { ConnectionShape, decodeCursor, PageArgs, pageSize, callerOf, toConnection } from '@tend/graphql';
import { DeliveryErrors } from './delivery.errors';
import { Delivery } from './delivery.entity';

/** Who is asking: their own id and role, within the organization passed beside it. */
export type Viewer = Pick<Caller, 'personId' | 'role'>;

/** Everyone who reports to the leader, directly or not, given the two parameters' placeholders. UNION stops a cycle. */
function reportsSql(organizationId: string, leaderId: string): string {
  return `
    WITH RECURSIVE reports AS (
      SELECT person_id FROM scheduler.people WHERE organization_id = ${organizationId} AND leader_id = ${leaderId}
      UNION
      SELECT p.person_id FROM scheduler.people p JOIN reports r ON p.leader_id = r.person_id
      WHERE p.organization_id = ${organizationId}
    )
    SELECT person_id FROM reports`;
}

export interface DeliveryLoaders {
  deliveryById: DataLoader<string, Delivery | undefined>;
}

@Injectable()
export class DeliveryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Deliveries newest first. Admins see anyone in the organization (everyone
   * when `personId` is omitted); leaders themselves and the people who report
   * to them; learners only themselves.
   */
  async list(
    organizationId: string,
    viewer: Viewer,
    personId: string | undefined,
    page: PageArgs,
  ): Promise<ConnectionShape<Delivery>> {
    const first = pageSize(page);
    const after = decodeCursor(page.after);
    if (after && (Number.isNaN(Date.parse(after.key)) || !isUUID(after.id))) throw DeliveryErrors.badCursor();
    if (personId && !(await this.mayView(organizationId, viewer, personId))) throw DeliveryErrors.notYours();

    const query = this.dataSource
      .getRepository(Delivery)
      .createQueryBuilder('delivery')
      .where('delivery.organization_id = :organizationId', { organizationId })
      .orderBy('delivery.due_at', 'DESC')
      .addOrderBy('delivery.id', 'DESC')
      .limit(first + 1);
    if (personId) query.andWhere('delivery.person_id = :personId', { personId });
    else if (viewer.role !== Role.ADMIN) this.restrictToAudience(query, organizationId, viewer);
    if (after) {
      query.andWhere('(delivery.due_at, delivery.id) < (:afterKey::timestamptz, :afterId::uuid)', {
        afterKey: after.key,
        afterId: after.id,
      });
    }
    return toConnection(await query.getMany(), first, cursorOf);
  }

  /** Whether `viewer` may see `personId`'s deliveries. */
  async mayView(organizationId: string, viewer: Viewer, personId: string): Promise<boolean> {
    if (viewer.role === Role.ADMIN || personId === viewer.personId) return true;
    if (viewer.role !== Role.LEADER) return false;
    const [row]: { reports: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM (${reportsSql('$1', '$2')}) team WHERE team.person_id = $3) AS reports`,
      [organizationId, viewer.personId, personId],
    );
    return row.reports;
  }

  loadersFor(context: RequestContext): DeliveryLoaders {
    const principal = callerOf(context);
    return requestScoped(context, 'deliveries', () => this.createLoaders(principal.organizationId, principal));
  }

  /** Deliveries other subgraphs point at, limited to what the caller may see. */
  private createLoaders(organizationId: string, viewer: Viewer): DeliveryLoaders {
    return {
      deliveryById: new DataLoader(async (ids) => {
        const query = this.dataSource
          .getRepository(Delivery)
          .createQueryBuilder('delivery')
          .where('delivery.organization_id = :organizationId', { organizationId })
          .andWhere('delivery.id IN (:...ids)', { ids: [...ids] });
        if (viewer.role !== Role.ADMIN) this.restrictToAudience(query, organizationId, viewer);
        const deliveries = await query.getMany();
        return ids.map((id) => deliveries.find((delivery) => delivery.id === id));
      }),
    };
  }

  /** The viewer's own deliveries, and a leader's reports'. */
  private restrictToAudience(query: SelectQueryBuilder<Delivery>, organizationId: string, viewer: Viewer): void {
    query.andWhere(
      new Brackets((audience) => {
        audience.where('delivery.person_id = :viewerId', { viewerId: viewer.personId });
        if (viewer.role === Role.LEADER) {
          audience.orWhere(`delivery.person_id IN (${reportsSql(':audienceOrganizationId', ':viewerId')})`, {
            audienceOrganizationId: organizationId,
          });
        }
      }),
    );
  }
}

function cursorOf(delivery: Delivery) {
  return { key: delivery.dueAt.toISOString(), id: delivery.id };
}
