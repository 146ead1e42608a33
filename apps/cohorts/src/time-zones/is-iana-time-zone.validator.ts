import { registerDecorator, ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';

/** Longer than any zone in the tz database; keeps arbitrary strings away from Intl. */
const MAX_ZONE_LENGTH = 64;

/** Whether the scheduler's time-zone library can compute local times in this zone. */
export function isIanaTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ZONE_LENGTH && IANAZone.isValidZone(value);
}

/** An IANA time zone name such as `Europe/Paris`; a bare offset like `+01:00` is not one. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an IANA time zone such as Europe/Paris', ...options },
      validator: { validate: isIanaTimeZone },
    });
}
