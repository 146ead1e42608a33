import { Role } from '@tend/auth';
import { DomainError, InputValidationPipe } from '@tend/graphql';
import { Channel } from '../channel';
import { CreatePersonInput } from './create-person.input';

const LEARNER = { email: 'kai@acme.example', name: 'Kai', role: Role.LEARNER, timezone: 'Asia/Kolkata' };

async function validate(input: Record<string, unknown>): Promise<CreatePersonInput> {
  return (await new InputValidationPipe().transform(
    { ...LEARNER, ...input },
    { type: 'body', metatype: CreatePersonInput, data: 'input' },
  )) as CreatePersonInput;
}

async function failedField(input: Record<string, unknown>): Promise<string | undefined> {
  const error = await validate(input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError) || error.code !== 'BAD_USER_INPUT')
    throw new Error(`unexpected ${String(error)}`);
  return error.field;
}

describe('CreatePersonInput', () => {
  it('keeps emails in lowercase and trims names, team names and leader ids', async () => {
    const input = await validate({
      email: '  Kai@ACME.example ',
      name: ' Kai Kolkata ',
      teamName: ' Front desk ',
      leaderId: ' 2C4C1E4A-7F0B-4C38-9B52-6D1E9A3F0B11 ',
      channels: [Channel.EMAIL],
    });
    expect(input).toMatchObject({
      email: 'kai@acme.example',
      name: 'Kai Kolkata',
      teamName: 'Front desk',
      leaderId: '2c4c1e4a-7f0b-4c38-9b52-6d1e9a3f0b11',
      channels: [Channel.EMAIL],
    });
  });

  it.each([
    [{ email: 'kai' }, 'input.email'],
    [{ email: `${'k'.repeat(250)}@a.example` }, 'input.email'],
    [{ name: '  ' }, 'input.name'],
    [{ name: 'n'.repeat(201) }, 'input.name'],
    [{ role: 'BOSS' }, 'input.role'],
    [{ timezone: 'India' }, 'input.timezone'],
    [{ leaderId: 'lee' }, 'input.leaderId'],
    [{ teamName: ' ' }, 'input.teamName'],
    [{ channels: ['SMS'] }, 'input.channels'],
  ])('refuses %j at %s', async (input, field) => {
    expect(await failedField(input)).toBe(field);
  });
});
