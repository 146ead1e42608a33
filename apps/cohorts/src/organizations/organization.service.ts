import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Person } from '../people/person.entity';
import { PersonService } from '../people/person.service';
import { CreateOrganizationInput } from './dto/create-organization.input';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonService,
  ) {}

  /** An organization and its first HR admin, together or not at all: an organization nobody can sign in to is useless. */
  async create(input: CreateOrganizationInput): Promise<{ organization: Organization; admin: Person }> {
    return this.dataSource.transaction(async (manager) => {
      const organizations = manager.getRepository(Organization);
      const organization = await organizations.save(organizations.create({ name: input.name }));
      const admin = await this.people.createInTransaction(manager, organization.id, input.admin);
      return { organization, admin };
    });
  }
}
