import type { Locale } from './types.ts';

/**
 * A reader's language. Users have no language setting yet, so a reader reads the language most
 * of their projects speak (each project's `settings.locale`, else its clients' language — see
 * `projectLocale`); a tie, or no project, is English.
 */
export function readerLocale(projectLocales: readonly Locale[]): Locale {
  const ru = projectLocales.filter((l) => l === 'ru').length;
  return ru > projectLocales.length - ru ? 'ru' : 'en';
}
