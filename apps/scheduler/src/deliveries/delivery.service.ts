import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { RequestContext, requestScoped, Role, Viewer } from '@tend/auth';
import { ConnectionShape, PageArgs, callerOf, keysetPage, loaderById } from '@tend/graphql';
import { DeliveryErrors } from './delivery.errors';
import { LESSON_TEXT_JSON, LessonText } from './lesson-texts';
import { Delivery, DeliveryStatus } from './delivery.entity';
import { ProjectedPerson } from '../projections/person.entity';
import { ReportingLines, reportsSql } from '../projections/reporting-lines';

export interface DeliveryLoaders {
  deliveryById: DataLoader<string, Delivery | undefined>;
  /** The locale (BCP 47) of each person a delivery goes to, to read their lessons in. */
  localeByPerson: DataLoader<string, string | null>;
  /** A delivered lesson's text in every locale, from the projection of its published version. */
  lessonTextById: DataLoader<string, LessonText | undefined>;
}

@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reportingLines: ReportingLines,
  ) {}

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
    if (viewer.role !== Role.LEADER || !viewer.personId) return false;
    return this.reportingLines.reportsTo(organizationId, viewer.personId, personId);
  }

  loadersFor(context: RequestContext): DeliveryLoaders {
    const principal = callerOf(context);
    return requestScoped(context, 'deliveries', () => this.createLoaders(principal.organizationId, principal));
  }

  /** Deliveries other subgraphs point at, limited to what the caller may see. */
  private createLoaders(organizationId: string, viewer: Viewer): DeliveryLoaders {
    return {
      deliveryById: loaderById(
        (ids) => {
          const query = this.dataSource
            .getRepository(Delivery)
            .createQueryBuilder('delivery')
            .where('delivery.organization_id = :organizationId', { organizationId })
            .andWhere('delivery.id IN (:...ids)', { ids });
          if (viewer.role !== Role.ADMIN) this.restrictToAudience(query, organizationId, viewer);
          return query.getMany();
        },
        (delivery) => delivery.id,
      ),
      localeByPerson: loaderById(
        (personIds) =>
          this.dataSource
            .getRepository(ProjectedPerson)
            .find({ select: { personId: true, locale: true }, where: { organizationId, personId: In(personIds) } }),
        (person) => person.personId,
        (person) => person?.locale ?? null,
      ),
      lessonTextById: loaderById(
        (lessonIds) =>
          this.dataSource
            .query(
              `SELECT ${LESSON_TEXT_JSON} AS text FROM scheduler.track_lessons tl
               WHERE tl.organization_id = $1 AND tl.lesson_id = ANY($2::uuid[])`,
              [organizationId, lessonIds],
            )
            .then((rows: { text: LessonText }[]) => rows.map((row) => row.text)),
        (text) => text.lessonId,
      ),
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
