/** A list's sort as the URL and the API spell it: `name` or several comma-separated keys, `-` for descending. */
export interface SortKey {
  field: string;
  desc: boolean;
}

export const MAX_SORT_KEYS = 3;

export function parseSort(sort: string | undefined): SortKey[] {
  return (sort ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ field: s.replace(/^-/, ''), desc: s.startsWith('-') }));
}
const formatSort = (keys: SortKey[]) => keys.map((k) => (k.desc ? `-${k.field}` : k.field)).join(',');

/** A header click: the only key (ascending, then descending); with shift, a further key (ascending, descending, off). */
export function nextSort(sort: string | undefined, field: string, add: boolean): string {
  const keys = parseSort(sort);
  const at = keys.findIndex((k) => k.field === field);
  if (!add) {
    const only = keys.length >= 1 && keys[0]?.field === field;
    return only && !keys[0]?.desc ? `-${field}` : field;
  }
  if (at < 0) return formatSort([...keys.slice(0, MAX_SORT_KEYS - 1), { field, desc: false }]);
  const current = keys[at];
  if (current && !current.desc) return formatSort(keys.map((k, i) => (i === at ? { ...k, desc: true } : k)));
  const rest = keys.filter((_, i) => i !== at);
  return rest.length ? formatSort(rest) : field;
}
