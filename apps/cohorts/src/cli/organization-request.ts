import { Role } from '@tend/auth';
import { DomainError, InputValidationPipe } from '@tend/graphql';
import { CreateOrganizationInput } from '../organizations/dto/create-organization.input';
import { CliUsageError, CliCommand } from './cli-arguments';

const OPTION_OF_FIELD: Record<string, string> = {
  name: '--name',
  'admin.email': '--admin-email',
  'admin.name': '--admin-name',
  'admin.timezone': '--timezone',
};

/**
 * Turns `org create` options into the validated input, with the API's own
 * rules for emails, names and time zones. The admin's name defaults to the
 * email's local part and their time zone to UTC.
 */
export async function organizationRequest(
  command: Extract<CliCommand, { command: 'org create' }>,
): Promise<CreateOrganizationInput> {
  const raw = {
    name: command.name,
    admin: {
      email: command.adminEmail,
      name: command.adminName ?? command.adminEmail.trim().split('@')[0],
      role: Role.ADMIN,
      timezone: command.timezone ?? 'UTC',
    },
  };
  try {
    return (await new InputValidationPipe().transform(raw, {
      type: 'body',
      metatype: CreateOrganizationInput,
    })) as CreateOrganizationInput;
  } catch (error) {
    if (!(error instanceof DomainError) || !error.field) throw error;
    const option = OPTION_OF_FIELD[error.field] ?? error.field;
    throw new CliUsageError(`${option}: ${error.message.replace(/^[\w.]+: /, '')}`);
  }
}
