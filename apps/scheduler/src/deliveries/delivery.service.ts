import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { Caller, RequestContext, requestScoped, Role } from '@tend/auth';
import { ConnectionShape, PageArgs, callerOf, keysetPage } from '@tend/graphql';
import { DeliveryErrors } from './delivery.errors';
import { Delivery, DeliveryStatus } from './delivery.entity';

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
    status?: DeliveryStatus,
  ): Promise<ConnectionShape<Delivery>> {
    if (personId && !(await this.mayView(organizationId, viewer, personId))) throw DeliveryErrors.notYours();

    const query = this.dataSource
      .getRepository(Delivery)
      .createQueryBuilder('delivery')
      .where('delivery.organization_id = :organizationId', { organizationId });
    if (personId) query.andWhere('delivery.person_id = :personId', { personId });
    if (status) query.andWhere('delivery.status = :status', { status });
    else if (viewer.role !== Role.ADMIN) this.restrictToAudience(query, organizationId, viewer);
    return keysetPage(query, page, { column: 'due_at', keyOf: (delivery) => delivery.dueAt, direction: 'DESC' });
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
