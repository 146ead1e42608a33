import { en, MessageKey } from './en';
import { es } from './es';

const LANGUAGES: Record<string, Partial<Record<MessageKey, string>>> = { en, es };

let current: Partial<Record<MessageKey, string>> = en;
let currentLanguage = 'en';

/** The person's BCP 47 locale (`Person.locale`, or the browser's before sign-in), read by its language; English otherwise. */
export function chooseLanguage(locale: string | undefined): void {
  const language = (locale ?? 'en').toLowerCase().split('-')[0];
  currentLanguage = language in LANGUAGES ? language : 'en';
  current = LANGUAGES[currentLanguage];
  document.documentElement.lang = currentLanguage;
}

export function language(): string {
  return currentLanguage;
}

/** A UI text in the current language, or in English where the language lacks it, with `{name}` filled in. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = current[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
