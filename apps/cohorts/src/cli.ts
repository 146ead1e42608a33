import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SystemClock } from '@tend/clock';
import { issueAccessToken, loadOrCreateLocalSigningKey, LOCAL_TOKEN_AUDIENCE, PersonPrincipal } from '@tend/auth';
import { applyDatabaseScopes, runAcrossTenants, runServiceMigrations } from '@tend/database';
import { CliUsageError, localTokenSettings, parseCliArguments, USAGE } from './cli/cli-arguments';
import { organizationRequest } from './cli/organization-request';
import { CohortRuleService } from './cohort-rules/cohort-rule.service';
import { cohortsDataSourceOptions } from './cohorts.data-source';
import { OrganizationService } from './organizations/organization.service';
import { PersonDirectory } from './people/person-directory';
import { PersonService } from './people/person.service';
import { signInLinkUrl } from './sign-in-links/sign-in-link-secret';
import { SignInLinkService } from './sign-in-links/sign-in-link.service';
import { TeamService } from './teams/team.service';

/** Where `sign-in-link` points without WEB_APP_URL: the gateway of `npm run demo`. */
const DEFAULT_WEB_APP_URL = 'http://127.0.0.1:4000/';

type Signer = (principal: Omit<PersonPrincipal, 'kind'>) => string;

/**
 * The operator's commands for the cohorts schema (`npm run tend -- ...`).
 * Stdout carries only the result, so scripts can read it line by line.
 */
async function main(argv: string[]): Promise<void> {
  const command = parseCliArguments(argv);
  switch (command.command) {
    case 'migrate': {
      const applied = await runServiceMigrations(cohortsDataSourceOptions(databaseUrl()));
      console.log(`cohorts: ${applied.length} migration(s) applied`);
      return;
    }
    case 'org create': {
      const input = await organizationRequest(command);
      const sign = localSigner();
      const { organization, admin } = await withPeople(databaseUrl(), (people, dataSource) =>
        new OrganizationService(dataSource, people).create(input),
      );
      const token = sign({ organizationId: organization.id, personId: admin.id, role: admin.role });
      print([`organization: ${organization.id}`, `token: ${token}`]);
      return;
    }
    case 'token': {
      const sign = localSigner();
      const person = await withPeople(databaseUrl(), (_people, dataSource) =>
        new PersonDirectory(dataSource, new TeamService(dataSource)).findActiveByEmail(
          command.organizationId,
          command.email,
        ),
      );
      if (!person) {
        throw new Error(`organization ${command.organizationId} has no active person with the email ${command.email}`);
      }
      print([`token: ${sign({ organizationId: person.organizationId, personId: person.id, role: person.role })}`]);
      return;
    }
    case 'sign-in-link': {
      const link = await withPeople(databaseUrl(), async (_people, dataSource) => {
        const person = await new PersonDirectory(dataSource, new TeamService(dataSource)).findActiveByEmail(
          command.organizationId,
          command.email,
        );
        if (!person) {
          throw new Error(
            `organization ${command.organizationId} has no active person with the email ${command.email}`,
          );
        }
        return new SignInLinkService(dataSource, new SystemClock()).createLink(person.organizationId, person.id, {
          unlimited: true,
        });
      });
      if (!link) throw new Error('the sign-in link was not created');
      print([`link: ${signInLinkUrl(process.env.WEB_APP_URL ?? DEFAULT_WEB_APP_URL, link)}`]);
      return;
    }
  }
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

/** Reads (or creates) the key before any write, so a created organization always gets its token printed. */
function localSigner(): Signer {
  const { keyFile, expiresInSeconds } = localTokenSettings(process.env);
  const { privateKeyPem } = loadOrCreateLocalSigningKey(keyFile);
  return (principal) => issueAccessToken(privateKeyPem, principal, { ...LOCAL_TOKEN_AUDIENCE, expiresInSeconds });
}

/**
 * The same services the API runs, over a connection of the command's own. An
 * operator's command is not any one tenant's request, so it sees every organization.
 */
async function withPeople<T>(url: string, work: (people: PersonService, dataSource: DataSource) => Promise<T>) {
  const dataSource = new DataSource({ ...cohortsDataSourceOptions(url), logging: false });
  applyDatabaseScopes(dataSource);
  await dataSource.initialize();
  try {
    return await runAcrossTenants('operator command', () =>
      work(
        new PersonService(
          dataSource,
          new TeamService(dataSource),
          new SystemClock(),
          new CohortRuleService(dataSource),
        ),
        dataSource,
      ),
    );
  } finally {
    await dataSource.destroy();
  }
}

function print(lines: string[]): void {
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof CliUsageError) {
    console.error(`cohorts: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`cohorts: ${error.message}`);
  process.exit(1);
});
