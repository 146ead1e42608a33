import { badInput, DomainError } from './domain-error';

/**
 * ICU's canonicalization was about 4% of content's CPU in a profile of `today` under load
 * (0.07 ms of 1.7 ms a request), and every delivered lesson asks it with its reader's locale.
 */
const canonicalForms = new Map<string, string | null>();
const CANONICAL_FORMS_KEPT = 1024;

/** The canonical form of a BCP 47 language tag (`fr-ca` → `fr-CA`), or null when it is not one. */
export function canonicalLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  const known = canonicalForms.get(value);
  if (known !== undefined) return known;
  let canonical: string | null;
  try {
    canonical = Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    canonical = null;
  }
  // Bounded because tags can come from input; an organization reads in a handful of them.
  if (canonicalForms.size >= CANONICAL_FORMS_KEPT) canonicalForms.clear();
  canonicalForms.set(value, canonical);
  return canonical;
}

/**
 * Which of the available locales serves a reader who asked for `wanted`: the
 * same tag, else one of the same language (`fr-CA` reads `fr`), else none
 * (the track's default).
 */
export function bestLocale(wanted: string, available: string[]): string | undefined {
  if (available.includes(wanted)) return wanted;
  const language = wanted.split('-')[0];
  return (
    available.find((locale) => locale === language) ?? available.find((locale) => locale.split('-')[0] === language)
  );
}

/**
 * The translation a reader reads, among the available ones: the best for their locale, if any; a
 * reader's tag that is not BCP 47 reads the default text (undefined).
 */
export function readableLocale(readerLocale: string, available: string[]): string | undefined {
  const canonical = canonicalLocale(readerLocale);
  return canonical === null ? undefined : bestLocale(canonical, available);
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
