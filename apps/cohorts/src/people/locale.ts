import { registerDecorator, ValidationOptions } from 'class-validator';
import { canonicalLocale } from '@tend/graphql';

/** A person's locale when none is given, whether created one by one or imported. */
export const DEFAULT_LOCALE = 'en-US';

/** Longer than any tag people use; keeps arbitrary strings away from Intl. */
const MAX_LOCALE_LENGTH = 35;

/** A BCP 47 language tag such as `en-GB` or `pt-BR`. */
export function IsBcp47Locale(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBcp47Locale',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a BCP 47 language tag such as en-GB', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.length <= MAX_LOCALE_LENGTH && canonicalLocale(value) !== null,
      },
    });
}
