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
