import { validateSync } from 'class-validator';
import { IsIanaTimeZone } from './is-iana-time-zone.validator';

class Subject {
  @IsIanaTimeZone()
  timezone: unknown;
}

function errorsFor(timezone: unknown): string[] {
  const subject = Object.assign(new Subject(), { timezone });
  return validateSync(subject).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('@IsIanaTimeZone', () => {
  it('passes a valid zone', () => {
    expect(errorsFor('America/Chicago')).toEqual([]);
  });

  it('names what it expects when the zone is unknown', () => {
    expect(errorsFor('Mars/Olympus')).toEqual(['must be an IANA time zone such as Europe/Paris']);
  });
});
