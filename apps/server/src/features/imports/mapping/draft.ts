/**
 * A row of an import file as Kontor understands it, before it meets the database (issue #15): the mapping turns a
 * table row into one (`mapping/convert.ts`), a vCard reader writes one directly. The import engine then resolves the
 * links (company -> account, owner, contact type, source ids), checks it with the module's create schema, matches
 * duplicates and stores it.
 */
export interface PointDraft {
  label: string;
  value: string;
  primary: boolean;
}
export interface AddressDraft {
  label: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  primary: boolean;
}
/** A problem with one cell of a row: the row is reported (with this column) and not imported. */
export interface DraftProblem {
  /** The header of the column. */
  column: string | null;
  /** A code of `@kontor/contract/field-errors` (or an import code); `message` is its English. */
  code: string;
  message: string;
}

export interface ImportDraft {
  /** Standard fields by API name, as the module's create schema takes them (`firstName`, `birthday: '1975-03-14'`, `employees: 240`). */
  fields: Record<string, unknown>;
  emails: PointDraft[];
  phones: PointDraft[];
  websites: PointDraft[];
  addresses: AddressDraft[];
  /** The record's id in the system the file came from (`zcrm_5725767000001234001`, a Salesforce `003…` id). */
  sourceId: string | null;
  /** Contacts, deals, leads: the account by name and/or by its id in the source. */
  company: { name: string | null; sourceId: string | null } | null;
  /** Accounts: the parent account by name and/or source id. */
  parent: { name: string | null; sourceId: string | null } | null;
  /** Accounts: a contact to create in the account (full name), as Dynamics' "Primary Contact" column names it. */
  primaryContact: string | null;
  tags: string[];
  /** A user's e-mail or name. */
  owner: string | null;
  /** A contact type's name. */
  contactType: string | null;
  customFields: Record<string, unknown>;
  /** An inline photo (vCard PHOTO), still encoded; the engine scales it as uploads are. */
  photo: { bytes: Uint8Array; mime: string | null } | null;
  /** Values that could not be taken (a bad date): the row fails with these. */
  problems: DraftProblem[];
}

export function emptyDraft(): ImportDraft {
  return {
    fields: {},
    emails: [],
    phones: [],
    websites: [],
    addresses: [],
    sourceId: null,
    company: null,
    parent: null,
    primaryContact: null,
    tags: [],
    owner: null,
    contactType: null,
    customFields: {},
    photo: null,
    problems: [],
  };
}
