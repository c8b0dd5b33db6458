/** All timestamps are ISO-8601 UTC strings with milliseconds, so text order is time order. */
export const nowIso = (): string => new Date().toISOString();
export const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();
