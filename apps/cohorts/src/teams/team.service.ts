import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import { loaderById } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Team } from './team.entity';

@Injectable()
export class TeamService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organization's team of this name, created if there is none; safe when two requests create it at once. */
  async findOrCreate(manager: EntityManager, organizationId: string, name: string): Promise<Team> {
    await manager.query(
      `INSERT INTO "${COHORTS_SCHEMA}".teams (organization_id, name) VALUES ($1, $2)
       ON CONFLICT (organization_id, name) DO NOTHING`,
      [organizationId, name],
    );
    return manager.getRepository(Team).findOneByOrFail({ organizationId, name });
  }

  /** For one request's loaders: teams by id, within the caller's organization. */
  teamsById(organizationId: string): DataLoader<string, Team | undefined> {
    return loaderById(
      (ids) => this.dataSource.getRepository(Team).findBy({ organizationId, id: In(ids) }),
      (team) => team.id,
    );
  }
}
