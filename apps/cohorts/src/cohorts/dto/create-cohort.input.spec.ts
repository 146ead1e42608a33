import { DomainError, InputValidationPipe } from '@tend/graphql';
import { CreateCohortInput } from './create-cohort.input';

const WEEKDAYS = { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' };

async function validate(input: Record<string, unknown>): Promise<CreateCohortInput> {
  return (await new InputValidationPipe().transform(
    { name: 'Front desk', timezone: 'America/Chicago', cadence: WEEKDAYS, ...input },
    { type: 'body', metatype: CreateCohortInput, data: 'input' },
  )) as CreateCohortInput;
}

async function failure(input: Record<string, unknown>): Promise<{ code: string; field?: string; message: string }> {
  const error = await validate(input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { code: error.code, field: error.field, message: error.message };
}

describe('CreateCohortInput', () => {
  it('accepts a weekday cadence and trims the name', async () => {
    const input = await validate({ name: '  Front desk  ' });
    expect(input.name).toBe('Front desk');
    expect(input.cadence).toMatchObject(WEEKDAYS);
  });

  it('accepts every day of the week, in any order', async () => {
    const input = await validate({ cadence: { ...WEEKDAYS, daysOfWeek: [7, 6, 5, 4, 3, 2, 1] } });
    expect(input.cadence.daysOfWeek).toHaveLength(7);
  });

  it.each([
    [[1, 8], 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)'],
    [[0], 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)'],
    [[1.5], 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)'],
    [[], 'needs at least one day'],
    [[1, 1], 'must not repeat a day'],
  ])('refuses daysOfWeek %j, naming the field', async (daysOfWeek, message) => {
    expect(await failure({ cadence: { ...WEEKDAYS, daysOfWeek } })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.cadence.daysOfWeek',
      message: `input.cadence.daysOfWeek: ${message}`,
    });
  });

  it.each(['9:00', '24:00', '09:60', '09:00:00', 'nine', ''])('refuses the local time %j', async (time) => {
    expect(await failure({ cadence: { ...WEEKDAYS, lessonTime: time } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.cadence.lessonTime',
    });
    expect(await failure({ cadence: { ...WEEKDAYS, promptTime: time } })).toMatchObject({
      field: 'input.cadence.promptTime',
    });
  });

  it.each(['00:00', '23:59', '08:30'])('accepts the local time %s', async (time) => {
    await expect(validate({ cadence: { ...WEEKDAYS, lessonTime: time, promptTime: time } })).resolves.toBeDefined();
  });

  it.each([0, 8])('refuses the prompt day %i', async (promptDay) => {
    expect(await failure({ cadence: { ...WEEKDAYS, promptDay } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.cadence.promptDay',
    });
  });

  it('refuses a time zone that is not an IANA zone', async () => {
    expect(await failure({ timezone: 'Chicago' })).toMatchObject({ field: 'input.timezone' });
  });

  it('refuses a blank name', async () => {
    expect(await failure({ name: '   ' })).toMatchObject({
      field: 'input.name',
      message: 'input.name: must not be empty',
    });
  });

  it('refuses a missing cadence', async () => {
    expect(await failure({ cadence: undefined })).toMatchObject({ field: 'input.cadence' });
  });
});
