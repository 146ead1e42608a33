import { registerDecorator, ValidationOptions } from 'class-validator';
import { isKnownZone } from '@tend/clock';

/** An IANA time zone name such as `Europe/Paris`; a bare offset like `+01:00` is not one. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an IANA time zone such as Europe/Paris', ...options },
      validator: { validate: isKnownZone },
    });
}
