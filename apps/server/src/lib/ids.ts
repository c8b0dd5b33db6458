/** Database ids are integers; the API speaks strings. */
export const toApiId = (id: number): string => String(id);
export const toApiIdOrNull = (id: number | null | undefined): string | null => (id == null ? null : String(id));
export const fromApiId = (id: string): number => Number(id);
export const fromApiIdOrNull = (id: string | null | undefined): number | null => (id == null ? null : Number(id));
