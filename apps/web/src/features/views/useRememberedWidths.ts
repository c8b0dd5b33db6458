import { useLocalStorage } from '@mantine/hooks';
import { useCurrentUser } from '../auth/session';
import { parseStoredWidths } from './storedWidths';

/**
 * The column widths this user chose for one list (a module's list, a record page's related list), remembered in this
 * browser, so a list opened again from the menu looks as the user left it. A saved view's widths and the URL's come on
 * top of these (RecordListView).
 */
export function useRememberedWidths(list: string) {
  const user = useCurrentUser();
  const [widths, setWidths, forget] = useLocalStorage<Record<string, number>>({
    key: `kontor.columnWidths.${user.id}.${list}`,
    defaultValue: {},
    getInitialValueInEffect: false,
    deserialize: parseStoredWidths,
  });
  return {
    widths,
    remember: (key: string, width: number) => setWidths((prev) => ({ ...prev, [key]: width })),
    forget,
  };
}
