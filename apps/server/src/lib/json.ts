import type { z } from 'zod';

/** Parse a JSON text column through a zod schema; a broken value falls back instead of failing the whole read. */
export function parseJsonColumn<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : fallback;
  } catch {
    return fallback;
  }
}
