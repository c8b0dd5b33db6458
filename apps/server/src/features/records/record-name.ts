import { personName } from '@kontor/contract/person-name';

/**
 * A record's name from the columns that hold it (`ModuleDescriptor.nameColumns`, a search document's `title`), as
 * every other place shows it: `first_name` and `last_name` are a person's name, written by the contract's
 * `personName` ("Anna Schmidt", "李丹"); other columns are joined by a space. Empty values are left out.
 */
export function nameFromColumns(columns: readonly string[], row: Readonly<Record<string, unknown>>): string {
  const text = (c: string) => {
    const v = row[c];
    return typeof v === 'string' ? v.trim() : '';
  };
  if (columns.length === 2 && columns[0] === 'first_name' && columns[1] === 'last_name') {
    return personName({ firstName: text('first_name'), lastName: text('last_name') });
  }
  return columns.map(text).filter((v) => v !== '').join(' ');
}
