import { Role } from '@tend/auth';
import { CliUsageError } from './cli-arguments';
import { organizationRequest } from './organization-request';

const command = (options: { name?: string; adminEmail?: string; adminName?: string; timezone?: string } = {}) => ({
  command: 'org create' as const,
  name: 'Acme',
  adminEmail: 'Hana.HR@Acme.example',
  ...options,
});

describe('organizationRequest', () => {
  it('names the admin after their email and puts them in UTC unless told otherwise', async () => {
    expect(await organizationRequest(command())).toMatchObject({
      name: 'Acme',
      admin: { email: 'hana.hr@acme.example', name: 'Hana.HR', role: Role.ADMIN, timezone: 'UTC' },
    });
  });

  it('takes the given admin name and time zone', async () => {
    expect(await organizationRequest(command({ adminName: 'Hana', timezone: 'Asia/Kolkata' }))).toMatchObject({
      admin: { name: 'Hana', timezone: 'Asia/Kolkata' },
    });
  });

  it.each([
    [{ adminEmail: 'hana' }, '--admin-email: must be an email address'],
    [{ timezone: 'Kolkata' }, '--timezone: must be an IANA time zone such as Europe/Paris'],
    [{ name: ' ' }, '--name: must not be empty'],
    [{ adminName: '' }, '--admin-name: must not be empty'],
  ])('reports %j by its option', async (options, message) => {
    await expect(organizationRequest(command(options))).rejects.toEqual(new CliUsageError(message));
  });
});
