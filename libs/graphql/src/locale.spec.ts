import { canonicalLocale } from './locale';

describe('canonicalLocale', () => {
  it.each([
    ['en', 'en'],
    ['fr-ca', 'fr-CA'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['pt-BR', 'pt-BR'],
  ])('accepts %s as %s', (tag, canonical) => {
    expect(canonicalLocale(tag)).toBe(canonical);
  });

  it.each(['', 'en_US', 'x', 'x'.repeat(40), '12-34', 'en US', 42])('refuses %j', (tag) => {
    expect(canonicalLocale(tag)).toBeNull();
  });
});
