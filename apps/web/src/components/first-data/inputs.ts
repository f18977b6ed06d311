/**
 * The first query each headline screen makes, in one place: the server prefetches exactly these
 * into the page's HTML (see src/server/prefetch.tsx) and the screens ask for the same, so the
 * first rows paint with the page instead of after the JavaScript has loaded and fetched.
 * Plain module (no 'use client'): server components need the values, not client references.
 */
export const PORTFOLIO_PAGE = 50;
export const PORTFOLIO_FIRST = { limit: PORTFOLIO_PAGE, offset: 0, sort: 'worst' as const };
export const PORTFOLIO_WAITING = { awaitingOnly: true, limit: 8 } as const;

export const RECOMMENDATIONS_PAGE = 20;
export const RECOMMENDATIONS_FIRST = { status: 'open' as const, limit: RECOMMENDATIONS_PAGE };

/** The project page's sections (health by category, the 90-day trend). */
export const PROJECT_SIGNALS = { limit: 200 };
export const PROJECT_TREND = { days: 90 };
