import { badInput, DomainError } from '@tend/graphql';

/** The canonical BCP 47 form of a locale tag (`en-us` → `en-US`), or a refusal naming the field. */
export function canonicalLocale(tag: string, field: string): string {
  let canonical: string[];
  try {
    canonical = Intl.getCanonicalLocales(tag);
  } catch {
    throw localeError(field);
  }
  if (canonical.length !== 1) throw localeError(field);
  return canonical[0];
}

function localeError(field: string): DomainError {
  return badInput(field, 'is not a BCP 47 language tag (such as en, fr-CA or pt-BR)');
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
