/**
 * Known export layouts (issue #15), recognised by their header sets: Outlook (English and German), Google Contacts,
 * Zoho CRM, Salesforce Data Loader, HubSpot, Pipedrive, Dynamics 365 and Kontor's own export. A layout maps its own
 * headers where a plain dictionary would guess wrong (Outlook's `Title` is a salutation, its `Account` and German `Ort`
 * are bookkeeping, Zoho's `Contact Name` is derived); a header a layout does not name falls back to the dictionary.
 */
import type { ImportModule } from '@kontor/contract/imports';
import { normaliseHeader } from './header-dictionary.ts';

/** A layout's target for a header: one for every module, or per module (`default` for the others). */
export type LayoutTarget = string | null | Partial<Record<ImportModule | 'default', string | null>>;

export interface Layout {
  name: string;
  /** Whether the (normalised) headers are this layout's. */
  detect: (headers: ReadonlySet<string>, raw: readonly string[]) => boolean;
  /** Normalised header -> target. */
  map: ReadonlyMap<string, LayoutTarget>;
  /** A prefix its headers carry (`Person - `), taken off before the map and the dictionary are asked. */
  prefix?: RegExp;
}

function table(entries: Record<string, LayoutTarget>): Map<string, LayoutTarget> {
  const out = new Map<string, LayoutTarget>();
  for (const [header, target] of Object.entries(entries)) out.set(normaliseHeader(header), target);
  return out;
}
const ignored = (...headers: string[]): Record<string, null> => Object.fromEntries(headers.map((h) => [h, null]));
/** Headers written exactly so (Kontor's `First name` against Salesforce's `FIRSTNAME`). */
const exactCount = (raw: readonly string[], names: readonly string[]): number => names.filter((n) => raw.includes(n)).length;
const countOf = (headers: ReadonlySet<string>, names: readonly string[]): number => names.filter((n) => headers.has(normaliseHeader(n))).length;

/** An address's parts under one label: `[street headers…], city, region, postal code, country`. */
function addressColumns(label: string, streets: string[], city: string, region: string, postalCode: string, country: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const street of streets) out[street] = `address:${label}:street`;
  out[city] = `address:${label}:city`;
  out[region] = `address:${label}:region`;
  out[postalCode] = `address:${label}:postalCode`;
  out[country] = `address:${label}:country`;
  return out;
}

const outlook: Layout = {
  name: 'outlook',
  detect: (h) => countOf(h, ['First Name', 'Last Name', 'Business Street', 'E-mail Address', 'E-mail Display Name', 'Business Phone', 'Mobile Phone', 'Job Title', 'Home Street', 'Categories']) >= 5,
  map: table({
    Title: 'field:salutation', 'First Name': 'field:firstName', 'Last Name': 'field:lastName', Suffix: 'field:nameSuffix',
    Company: 'company', Department: 'field:department', 'Job Title': 'field:position',
    ...addressColumns('work', ['Business Street', 'Business Street 2', 'Business Street 3'], 'Business City', 'Business State', 'Business Postal Code', 'Business Country/Region'),
    ...addressColumns('home', ['Home Street', 'Home Street 2', 'Home Street 3'], 'Home City', 'Home State', 'Home Postal Code', 'Home Country/Region'),
    ...addressColumns('other', ['Other Street', 'Other Street 2', 'Other Street 3'], 'Other City', 'Other State', 'Other Postal Code', 'Other Country/Region'),
    "Assistant's Phone": 'phone:assistant', 'Business Fax': 'phone:fax', 'Business Phone': 'phone:work', 'Business Phone 2': 'phone:work',
    Callback: 'phone:other', 'Car Phone': 'phone:car', 'Company Main Phone': 'phone:main', 'Home Fax': 'phone:fax', 'Home Phone': 'phone:home',
    'Home Phone 2': 'phone:home', ISDN: 'phone:other', 'Mobile Phone': 'phone:mobile', 'Other Fax': 'phone:fax', 'Other Phone': 'phone:other',
    Pager: 'phone:pager', 'Primary Phone': 'phone:main', 'Radio Phone': 'phone:other', 'TTY/TDD Phone': 'phone:other',
    Birthday: 'field:birthday', Categories: 'tags', 'E-mail Address': 'email:work', 'E-mail 2 Address': 'email:other', 'E-mail 3 Address': 'email:other',
    Notes: 'field:description', 'Web Page': 'website:website',
    ...ignored('Middle Name', 'Telex', 'Account', 'Anniversary', "Assistant's Name", 'Billing Information', 'Business Address PO Box', 'Children', 'Directory Server',
      'E-mail Type', 'E-mail Display Name', 'E-mail 2 Type', 'E-mail 2 Display Name', 'E-mail 3 Type', 'E-mail 3 Display Name', 'Gender',
      'Government ID Number', 'Hobby', 'Home Address PO Box', 'Initials', 'Internet Free Busy', 'Keywords', 'Language', 'Location',
      "Manager's Name", 'Mileage', 'Office Location', 'Organizational ID Number', 'Other Address PO Box', 'Priority', 'Private', 'Profession',
      'Referred By', 'Sensitivity', 'Spouse', 'User 1', 'User 2', 'User 3', 'User 4'),
  }),
};

const outlookGerman: Layout = {
  name: 'outlook_de',
  detect: (h) => countOf(h, ['Vorname', 'Nachname', 'Straße geschäftlich', 'Telefon geschäftlich', 'E-Mail-Adresse', 'Mobiltelefon', 'Kategorien', 'Notizen', 'Ort geschäftlich', 'E-Mail: Angezeigter Name']) >= 5,
  map: table({
    Anrede: 'field:salutation', Vorname: 'field:firstName', Nachname: 'field:lastName', Suffix: 'field:nameSuffix',
    Firma: 'company', Abteilung: 'field:department', Position: 'field:position',
    ...addressColumns('work', ['Straße geschäftlich', 'Straße geschäftlich 2', 'Straße geschäftlich 3'], 'Ort geschäftlich', 'Region geschäftlich', 'Postleitzahl geschäftlich', 'Land/Region geschäftlich'),
    ...addressColumns('home', ['Straße privat', 'Straße privat 2', 'Straße privat 3'], 'Ort privat', 'Bundesland/Kanton privat', 'Postleitzahl privat', 'Land/Region privat'),
    ...addressColumns('other', ['Weitere Straße', 'Weitere Straße 2', 'Weitere Straße 3'], 'Weiterer Ort', 'Weiteres/r Bundesland/Kanton', 'Weitere Postleitzahl', 'Weiteres/e Land/Region'),
    'Telefon Assistent': 'phone:assistant', 'Fax geschäftlich': 'phone:fax', 'Telefon geschäftlich': 'phone:work', 'Telefon geschäftlich 2': 'phone:work',
    Rückmeldung: 'phone:other', Autotelefon: 'phone:car', 'Telefon Firma': 'phone:main', 'Fax privat': 'phone:fax', 'Telefon privat': 'phone:home',
    'Telefon privat 2': 'phone:home', ISDN: 'phone:other', Mobiltelefon: 'phone:mobile', 'Weiteres Fax': 'phone:fax', 'Weiteres Telefon': 'phone:other',
    Pager: 'phone:pager', Haupttelefon: 'phone:main', 'Mobiltelefon 2': 'phone:mobile', 'Telefon für Hörbehinderte': 'phone:other',
    'E-Mail-Adresse': 'email:work', 'E-Mail 2: Adresse': 'email:other', 'E-Mail 3: Adresse': 'email:other',
    Geburtstag: 'field:birthday', Kategorien: 'tags', Notizen: 'field:description', Webseite: 'website:website',
    ...ignored('Weitere Vornamen', 'Telex', 'Abrechnungsinformation', 'Benutzer 1', 'Benutzer 2', 'Benutzer 3', 'Benutzer 4', 'Beruf', 'Büro', 'E-Mail-Typ',
      'E-Mail: Angezeigter Name', 'E-Mail 2: Typ', 'E-Mail 2: Angezeigter Name', 'E-Mail 3: Typ', 'E-Mail 3: Angezeigter Name', 'Empfohlen von',
      'Geschlecht', 'Hobby', 'Initialen', 'Internet Frei/Gebucht', 'Jahrestag', 'Kinder', 'Konto', 'Name Assistent', 'Name des/r Vorgesetzten',
      'Organisationsnr.', 'Ort', 'Partner', 'Postfach geschäftlich', 'Postfach privat', 'Priorität', 'Privat', 'Regierungsnr.', 'Reisekilometer',
      'Sprache', 'Stichwörter', 'Vertraulichkeit', 'Verzeichnisserver', 'Weiteres Postfach'),
  }),
};

const google: Layout = {
  name: 'google',
  detect: (h, raw) => raw.some((x) => /^(E-mail|Phone|Address) 1 - (Value|Street|Formatted)$/.test(x)) || countOf(h, ['Group Membership', 'Given Name', 'Family Name', 'Organization 1 - Name', 'Labels', 'Organization Name', 'File As']) >= 2,
  map: table({
    'First Name': 'field:firstName', 'Given Name': 'field:firstName', 'Last Name': 'field:lastName', 'Family Name': 'field:lastName', Name: 'fullName', 'Name Prefix': 'field:salutation', 'Name Suffix': 'field:nameSuffix',
    'Organization Name': 'company', 'Organization 1 - Name': 'company', 'Organization Title': 'field:position', 'Organization 1 - Title': 'field:position',
    'Organization Department': 'field:department', 'Organization 1 - Department': 'field:department', Birthday: 'field:birthday', Notes: 'field:description',
    Labels: 'tags', 'Group Membership': 'tags',
    ...ignored('Middle Name', 'Additional Name', 'Phonetic First Name', 'Phonetic Middle Name', 'Phonetic Last Name', 'Given Name Yomi', 'Additional Name Yomi', 'Family Name Yomi',
      'Name Yomi', 'Nickname', 'Short Name', 'Maiden Name', 'File As', 'Photo', 'Initials', 'Gender', 'Location', 'Billing Information',
      'Directory Server', 'Mileage', 'Occupation', 'Hobby', 'Sensitivity', 'Priority', 'Subject', 'Language', 'Organization 1 - Type',
      'Organization 1 - Yomi Name', 'Organization 1 - Symbol', 'Organization 1 - Location', 'Organization 1 - Job Description',
      'Organization Phonetic Name', 'Organization Location', 'Organization Job Description', 'Organization Symbol'),
  }),
};

const zohoAddress = {
  ...addressColumns('billing', ['Billing Street'], 'Billing City', 'Billing State', 'Billing Code', 'Billing Country'),
  ...addressColumns('shipping', ['Shipping Street'], 'Shipping City', 'Shipping State', 'Shipping Code', 'Shipping Country'),
  ...addressColumns('work', ['Mailing Street'], 'Mailing City', 'Mailing State', 'Mailing Zip', 'Mailing Country'),
  ...addressColumns('other', ['Other Street'], 'Other City', 'Other State', 'Other Zip', 'Other Country'),
};
const zoho: Layout = {
  name: 'zoho',
  detect: (h, raw) => h.has('recordid') && raw.some((x) => x.endsWith('.id')),
  map: table({
    'Record Id': 'sourceId', 'Account Name.id': 'companySourceId', 'Parent Account.id': 'parentSourceId',
    'Account Owner': 'owner', 'Contact Owner': 'owner', 'Lead Owner': 'owner', 'Deal Owner': 'owner', 'Account Name': 'company',
    Phone: 'phone:work', Mobile: 'phone:mobile', 'Home Phone': 'phone:home', 'Other Phone': 'phone:other', Fax: 'phone:fax', 'Asst Phone': 'phone:assistant',
    Website: 'website:website', Twitter: 'website:twitter', 'Account Type': 'field:accountType', Industry: 'field:industry', Employees: 'field:employees',
    'Annual Revenue': 'field:annualRevenue', 'Parent Account': 'parent', Description: 'field:description', Email: 'email:work',
    'Secondary Email': 'email:other', Title: 'field:position', Department: 'field:department', 'Lead Source': 'field:leadSource',
    'Email Opt Out': 'field:emailOptOut', Salutation: 'field:salutation', 'Date of Birth': 'field:birthday', Tag: 'tags',
    'Account Number': 'field:accountNumber', 'Account Site': 'field:accountSite', 'Ticker Symbol': 'field:tickerSymbol', Ownership: 'field:ownership',
    Rating: 'field:rating', 'Deal Name': 'field:name', Amount: 'field:amount', 'Closing Date': 'field:expectedCloseDate', Company: 'company',
    ...zohoAddress,
    ...ignored('Contact Name', 'Reporting To', 'Assistant', 'Skype ID', 'SIC Code', 'Layout', 'Stage', 'Probability (%)', 'Expected Revenue',
      'Created By', 'Modified By', 'Created Time', 'Modified Time', 'Last Activity Time', 'Locked', 'Unsubscribed Mode', 'Unsubscribed Time',
      'Change Log Time', 'Data Processing Basis', 'Enrich Status'),
  }),
};

const salesforce: Layout = {
  name: 'salesforce',
  detect: (h) => h.has('id') && countOf(h, ['AccountId', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'MailingStreet', 'BillingStreet', 'HasOptedOutOfEmail', 'MobilePhone', 'NumberOfEmployees', 'IsDeleted', 'SystemModstamp', 'Account.Name']) >= 2,
  map: table({
    Id: 'sourceId', AccountId: 'companySourceId', 'Account.Name': 'company', Salutation: 'field:salutation', FirstName: 'field:firstName',
    LastName: 'field:lastName', Suffix: 'field:nameSuffix', Name: 'fullName', Title: 'field:position',
    Department: 'field:department', Email: 'email:work', Phone: 'phone:work', MobilePhone: 'phone:mobile', HomePhone: 'phone:home',
    OtherPhone: 'phone:other', Fax: 'phone:fax', AssistantPhone: 'phone:assistant', Birthdate: 'field:birthday', LeadSource: 'field:leadSource',
    HasOptedOutOfEmail: 'field:emailOptOut', Description: 'field:description', ParentId: 'parentSourceId', 'Parent.Name': 'parent',
    Type: 'field:accountType', Industry: 'field:industry', NumberOfEmployees: 'field:employees', AnnualRevenue: 'field:annualRevenue',
    Website: 'website:website', AccountNumber: 'field:accountNumber', Site: 'field:accountSite', TickerSymbol: 'field:tickerSymbol',
    Ownership: 'field:ownership', Rating: 'field:rating', Company: 'company', Status: 'field:status',
    ...addressColumns('work', ['MailingStreet'], 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry'),
    ...addressColumns('other', ['OtherStreet'], 'OtherCity', 'OtherState', 'OtherPostalCode', 'OtherCountry'),
    ...addressColumns('billing', ['BillingStreet'], 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry'),
    ...addressColumns('shipping', ['ShippingStreet'], 'ShippingCity', 'ShippingState', 'ShippingPostalCode', 'ShippingCountry'),
    ...ignored('OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted', 'LastActivityDate',
      'MasterRecordId', 'ReportsToId', 'PhotoUrl', 'Jigsaw', 'JigsawContactId', 'LastViewedDate', 'LastReferencedDate', 'IsEmailBounced'),
  }),
};

const hubspot: Layout = {
  name: 'hubspot',
  detect: (h) => h.has('recordid') && countOf(h, ['Associated Company', 'Primary Associated Company ID', 'Contact owner', 'Lifecycle Stage', 'Associated Company IDs', 'Company owner', 'HubSpot Owner']) >= 1,
  map: table({
    'Record ID': 'sourceId', 'First Name': 'field:firstName', 'Last Name': 'field:lastName', Email: 'email:work', 'Phone Number': 'phone:work',
    'Mobile Phone Number': 'phone:mobile', 'Job Title': 'field:position', 'Contact owner': 'owner', 'Company owner': 'owner', 'HubSpot Owner': 'owner',
    'Primary Associated Company ID': 'companySourceId', 'Associated Company': 'company', 'Company name': 'company', City: 'address:work:city',
    'State/Region': 'address:work:region', 'Country/Region': 'address:work:country', 'Postal Code': 'address:work:postalCode',
    'Street Address': 'address:work:street', 'Website URL': 'website:website', 'Company Domain Name': 'website:website', Industry: 'field:industry',
    'Number of Employees': 'field:employees', 'Annual Revenue': 'field:annualRevenue', 'Parent Company': 'parent',
    ...ignored('Associated Company IDs', 'Lifecycle Stage', 'Lead Status', 'Marketing contact status', 'Create Date', 'Last Activity Date',
      'Last Modified Date', 'Became a Customer Date', 'Original Source', 'Email Domain'),
  }),
};

const pipedrive: Layout = {
  name: 'pipedrive',
  detect: (_h, raw) => raw.filter((x) => /^(Person|Organization|Organisation) - /.test(x)).length >= 2,
  prefix: /^(Person|Organization|Organisation|Deal) - /,
  map: table({
    ID: 'sourceId', Name: { accounts: 'field:name', default: 'fullName' }, 'First name': 'field:firstName', 'Last name': 'field:lastName',
    Organization: 'company', 'Organization ID': 'companySourceId', 'Job title': 'field:position', Email: 'email:work', Phone: 'phone:work',
    Owner: 'owner', Labels: 'tags', Label: 'tags', Address: 'address:work:full', 'Number of employees': 'field:employees',
    ...ignored('Marketing status', 'Open deals', 'Won deals', 'Lost deals', 'Closed deals', 'Next activity date', 'Last activity date',
      'Person created', 'Organization created', 'Update time', 'Visible to', 'Done activities', 'Activities to do', 'Email messages count',
      'Followers', 'Last email received', 'Last email sent', 'People'),
  }),
};

const dynamicsAddress = (n: 1 | 2, label: LayoutTarget & object): Record<string, LayoutTarget> => {
  const parts: Array<[string, string]> = [['Street 1', 'street'], ['Street 2', 'street'], ['Street 3', 'street'], ['City', 'city'],
    ['State/Province', 'region'], ['ZIP/Postal Code', 'postalCode'], ['Country/Region', 'country']];
  return Object.fromEntries(parts.map(([name, part]) => [`Address ${n}: ${name}`, Object.fromEntries(Object.entries(label).map(([m, l]) => [m, `address:${l}:${part}`]))]));
};
const dynamics: Layout = {
  name: 'dynamics',
  detect: (h, raw) => raw.some((x) => /^Address [1-3]: /.test(x)) || countOf(h, ['Main Phone', 'Primary Contact', 'Relationship Type', 'Number of Employees']) >= 2,
  map: table({
    'Account Name': 'company', 'Primary Contact': 'primaryContact', 'Main Phone': 'phone:work', 'Other Phone': 'phone:other', Fax: 'phone:fax',
    Email: 'email:work', 'Email Address 2': 'email:other', 'Email Address 3': 'email:other', Website: 'website:website',
    'Relationship Type': 'field:accountType', Industry: 'field:industry', 'Number of Employees': 'field:employees', 'Annual Revenue': 'field:annualRevenue',
    'Parent Account': 'parent', Description: 'field:description', 'Account Number': 'field:accountNumber', Ownership: 'field:ownership',
    'Ticker Symbol': 'field:tickerSymbol', Owner: 'owner', 'Full Name': 'fullName', 'First Name': 'field:firstName', 'Last Name': 'field:lastName',
    'Job Title': 'field:position', 'Company Name': 'company', 'Business Phone': 'phone:work',
    'Mobile Phone': 'phone:mobile', 'Home Phone': 'phone:home', Birthday: 'field:birthday', Department: 'field:department', Salutation: 'field:salutation',
    ...dynamicsAddress(1, { accounts: 'billing', default: 'work' }),
    ...dynamicsAddress(2, { accounts: 'shipping', default: 'other' }),
    ...ignored('Created On', 'Modified On', 'Created By', 'Modified By', 'Status', 'Status Reason', '(Do Not Modify) Account', '(Do Not Modify) Row Checksum', '(Do Not Modify) Modified On'),
  }),
};

const kontor: Layout = {
  name: 'kontor',
  detect: (_h, raw) => raw.includes('ID') && exactCount(raw, ['First name', 'Last name', 'Account name', 'Account ID', 'Parent account ID', 'E-mail opt-out', 'Contact type', 'Deal name', 'Lead source', 'Created', 'Updated', 'Tags', 'Owner']) >= 2,
  map: table({
    ID: 'sourceId', 'Account name': 'company', Account: 'company', 'Account ID': 'companySourceId', 'Parent account': 'parent',
    'Parent account ID': 'parentSourceId', Owner: 'owner', 'Contact type': 'contactType', Company: 'company', 'Deal name': 'field:name',
    'E-mail': 'email:work', 'Primary e-mail': 'email:work', 'Primary phone': 'phone:work', Phone: 'phone:work', Website: 'website:website', Fax: 'phone:fax',
    Source: { leads: 'field:source', default: 'field:leadSource' },
    ...addressColumns('billing', ['Billing street'], 'Billing city', 'Billing region', 'Billing postal code', 'Billing country'),
    ...addressColumns('shipping', ['Shipping street'], 'Shipping city', 'Shipping region', 'Shipping postal code', 'Shipping country'),
    ...ignored('Full name', 'Contact', 'Contact ID', 'Pipeline', 'Stage', 'Probability (%)', 'Closed', 'Converted', 'Created', 'Updated', 'Customer'),
  }),
};

/** In detection order: specific layouts before those whose signs are common words. */
export const layouts: readonly Layout[] = [kontor, zoho, hubspot, salesforce, pipedrive, google, outlookGerman, outlook, dynamics];

export function detectLayout(headers: readonly string[]): Layout | null {
  const normalised = new Set(headers.map(normaliseHeader));
  return layouts.find((l) => l.detect(normalised, headers)) ?? null;
}

/** A layout's target for a (normalised) header in a module; undefined when the layout does not name the header. */
export function layoutTarget(layout: Layout, key: string, module: ImportModule): string | null | undefined {
  if (!layout.map.has(key)) return undefined;
  const target = layout.map.get(key) ?? null;
  if (target === null || typeof target === 'string') return target;
  return target[module] !== undefined ? target[module] : (target.default ?? null);
}
