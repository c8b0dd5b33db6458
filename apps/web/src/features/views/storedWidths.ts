import { viewSettingsShape } from '@kontor/contract/views';

/** What a view stores as column widths: the same rules for what this browser remembers. */
const widthsSchema = viewSettingsShape.columnWidths.unwrap();

/** Stored widths, or none when the stored text is missing, not JSON or not widths (someone edited it, an old format). */
export function parseStoredWidths(text: string | undefined | null): Record<string, number> {
  if (!text) return {};
  try {
    const parsed = widthsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
