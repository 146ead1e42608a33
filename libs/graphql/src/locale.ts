import { badInput, DomainError } from './domain-error';

/** The canonical form of a BCP 47 language tag (`fr-ca` → `fr-CA`), or null when it is not one. */
export function canonicalLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** The canonical form of a BCP 47 language tag, or BAD_USER_INPUT on `field` when it is not one. */
export function canonicalLocaleOrRefuse(tag: string, field: string): string {
  const canonical = canonicalLocale(tag);
  if (canonical === null) throw localeError(field);
  return canonical;
}

function localeError(field: string): DomainError {
  return badInput(field, 'is not a BCP 47 language tag (such as en, fr-CA or pt-BR)');
}
