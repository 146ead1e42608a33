import { validateSync } from 'class-validator';
import { IsIanaTimeZone, isIanaTimeZone } from './is-iana-time-zone.validator';

class Subject {
  @IsIanaTimeZone()
  timezone: unknown;
}

function errorsFor(timezone: unknown): string[] {
  const subject = Object.assign(new Subject(), { timezone });
  return validateSync(subject).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('isIanaTimeZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/Chicago', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])(
    'accepts %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus', '+01:00', 'UTC+1', 'Europe/Paris/Extra', `Europe/${'x'.repeat(80)}`])(
    'refuses %j',
    (zone) => expect(isIanaTimeZone(zone)).toBe(false),
  );

  it.each([undefined, null, 42, {}])('refuses the non-string %j', (value) => {
    expect(isIanaTimeZone(value)).toBe(false);
  });
});

describe('@IsIanaTimeZone', () => {
  it('passes a valid zone', () => {
    expect(errorsFor('America/Chicago')).toEqual([]);
  });

  it('names what it expects when the zone is unknown', () => {
    expect(errorsFor('Mars/Olympus')).toEqual(['must be an IANA time zone such as Europe/Paris']);
  });
});
