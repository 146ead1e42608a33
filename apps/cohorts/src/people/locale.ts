import { registerDecorator, ValidationOptions } from 'class-validator';

/** Longer than any tag people use; keeps arbitrary strings away from Intl. */
const MAX_LOCALE_LENGTH = 35;

/** The canonical form of a BCP 47 language tag (`fr-ca` → `fr-CA`), or null when it is not one. */
export function canonicalLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LOCALE_LENGTH) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** A BCP 47 language tag such as `en-GB` or `pt-BR`. */
export function IsBcp47Locale(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBcp47Locale',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a BCP 47 language tag such as en-GB', ...options },
      validator: { validate: (value: unknown) => canonicalLocale(value) !== null },
    });
}
