import { isKnownZone } from './time-zone';

describe('isKnownZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/Chicago', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])(
    'accepts %s',
    (zone) => expect(isKnownZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus', '+01:00', 'UTC+1', 'Europe/Paris/Extra', `Europe/${'x'.repeat(80)}`])(
    'refuses %j',
    (zone) => expect(isKnownZone(zone)).toBe(false),
  );

  it.each([undefined, null, 42, {}])('refuses the non-string %j', (value) => {
    expect(isKnownZone(value)).toBe(false);
  });
});
