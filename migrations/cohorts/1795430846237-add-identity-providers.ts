import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIdentityProviders1795430846237 implements MigrationInterface {
  name = 'AddIdentityProviders1795430846237';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cohorts.organizations
        -- Unique: the gateway finds the organization of a token by its issuer alone.
        ADD COLUMN identity_provider_issuer text NULL
          CONSTRAINT organizations_identity_provider_issuer_key UNIQUE,
        ADD COLUMN identity_provider_jwks_url text NULL,
        ADD COLUMN identity_provider_audience text NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cohorts.organizations
        DROP COLUMN identity_provider_audience,
        DROP COLUMN identity_provider_jwks_url,
        DROP COLUMN identity_provider_issuer;
    `);
  }
}
