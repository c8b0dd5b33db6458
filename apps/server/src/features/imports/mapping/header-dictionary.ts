/**
 * Column headers by name (issue #15): what a header means in English, German, Chinese and Romanian, compared after
 * normalising (case, accents, punctuation, `_`/`-`/`.`, spaces). Targets are written for contacts; `auto-map.ts`
 * adapts them to the module (a company column names an account's own name in an accounts file).
 * `null` marks a header that is known and deliberately ignored (bookkeeping such as `Created Time`).
 */

const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** A header as compared: `E-Mail-Adresse` -> `emailadresse`, `Nr. angajați` -> `nrangajati`, `电子邮件` as it is. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_WORD, '');
}

const entries: Array<[string | null, string[]]> = [
  // names
  ['fullName', ['Name', 'Full Name', 'Full name', 'Contact Name', 'Contact', 'Person', 'Display Name', 'Vollständiger Name', 'Kontakt', 'Ansprechpartner', 'Kontaktperson', '姓名', '联系人', '名字', '全名', 'Nume complet', 'Persoană de contact', 'Persoana de contact']],
  ['field:firstName', ['First Name', 'Firstname', 'Given Name', 'Forename', 'Vorname', '名', 'Prenume', 'Prenumele']],
  ['field:lastName', ['Last Name', 'Lastname', 'Surname', 'Family Name', 'Nachname', 'Familienname', '姓', 'Nume de familie', 'Nume']],
  // a middle name is offered as a target (it joins the first name) but never chosen by itself: `Ștefan` stays the first name
  [null, ['Middle Name', 'Additional Name', 'Weitere Vornamen', 'Zweiter Vorname', 'Al doilea prenume', 'MiddleName']],
  ['field:nameSuffix', ['Suffix', 'Name Suffix', 'Namenszusatz', 'Sufix']],
  ['field:salutation', ['Salutation', 'Name Prefix', 'Prefix', 'Anrede', 'Titel', '称谓', '称呼', 'Salut', 'Titulatură', 'Formulă de adresare', 'Apelativ']],
  ['field:position', ['Title', 'Job Title', 'Position', 'Job', 'Role', 'Designation', 'Funktion', 'Berufsbezeichnung', 'Stellung', 'Beruf', '职位', '职务', '头衔', 'Funcție', 'Funcția', 'Poziție', 'Post', 'Organization Title']],
  ['field:department', ['Department', 'Abteilung', '部门', 'Departament', 'Organization Department']],
  ['field:birthday', ['Birthday', 'Birthdate', 'Date of Birth', 'DOB', 'Geburtstag', 'Geburtsdatum', '生日', '出生日期', 'Data nașterii', 'Zi de naștere', 'Ziua de naștere']],
  ['field:description', ['Notes', 'Note', 'Description', 'Comments', 'Comment', 'Remarks', 'Notizen', 'Notiz', 'Bemerkung', 'Bemerkungen', 'Kommentar', 'Beschreibung', '备注', '描述', '说明', 'Notițe', 'Observații', 'Descriere', 'Mențiuni', 'Comentarii']],
  ['field:emailOptOut', ['Email Opt Out', 'Opted Out of Email', 'Has Opted Out of Email', 'Unsubscribed', 'Do Not Email', 'Newsletter abgemeldet', 'Dezabonat']],
  ['field:leadSource', ['Lead Source', 'Source', 'Lead-Quelle', 'Quelle', '来源', '线索来源', 'Sursă', 'Sursa', 'Sursă lead']],
  // companies and links
  ['company', ['Company', 'Company Name', 'Account', 'Account Name', 'Organization', 'Organisation', 'Organization Name', 'Organization 1 - Name', 'Firm', 'Employer', 'Firma', 'Firmenname', 'Unternehmen', 'Organisation Name', '公司', '公司名称', '单位', '客户名称', '客户', '企业', 'Companie', 'Compania', 'Firmă', 'Societate', 'Cont', 'Denumire', 'Denumire cont', 'Denumire firmă', 'Nume firmă', 'Nume companie']],
  ['companySourceId', ['Account ID', 'Company ID', 'Organization ID', 'Account Name.id', 'Primary Associated Company ID', 'AccountId']],
  ['parent', ['Parent Account', 'Parent Company', 'Parent', 'Muttergesellschaft', 'Übergeordnetes Konto', '上级公司', '母公司', 'Companie-mamă', 'Cont părinte']],
  ['parentSourceId', ['Parent Account ID', 'Parent Account.id', 'ParentId', 'Parent ID']],
  ['primaryContact', ['Primary Contact', 'Hauptansprechpartner', '主要联系人', 'Contact principal']],
  ['sourceId', ['ID', 'Record Id', 'Record ID', 'External ID', 'Contact ID', 'Person ID', 'Kontakt-ID', '编号', 'ID înregistrare']],
  ['tags', ['Tags', 'Tag', 'Labels', 'Label', 'Categories', 'Category', 'Groups', 'Group Membership', 'Kategorien', 'Kategorie', 'Stichwörter', 'Schlagwörter', '标签', '分类', 'Etichete', 'Etichetă', 'Categorii']],
  ['owner', ['Owner', 'Contact Owner', 'Account Owner', 'Record Owner', 'Assigned To', 'Sales Rep', 'Besitzer', 'Zuständig', 'Verantwortlich', 'Betreuer', '负责人', '所有者', 'Proprietar', 'Responsabil']],
  ['contactType', ['Contact Type', 'Kontakttyp', 'Kontaktart', '联系人类型', 'Tip contact']],
  // e-mails, phones, websites
  ['email:work', ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Mail', 'Work Email', 'Business Email', 'E-Mail-Adresse', 'E-Mail Adresse', 'Emailadresse', 'E-Mail geschäftlich', '电子邮件', '邮箱', '电子邮箱', '邮件', '工作邮箱', 'Adresă de e-mail', 'Adresa de e-mail', 'Adresă e-mail', 'Email serviciu', 'Primary Email']],
  ['email:other', ['Secondary Email', 'Other Email', 'Email 2', 'E-mail 2', 'E-Mail 2', 'Weitere E-Mail', 'Alternative Email', '其他邮箱', '备用邮箱', 'Email secundar']],
  ['email:home', ['Home Email', 'Personal Email', 'Private Email', 'E-Mail privat', '个人邮箱', '私人邮箱', 'Email personal']],
  ['phone:work', ['Phone', 'Telephone', 'Phone Number', 'Business Phone', 'Work Phone', 'Office Phone', 'Main Phone', 'Company Phone', 'Telefon', 'Telefonnummer', 'Telefon geschäftlich', 'Telefon Firma', '电话', '办公电话', '工作电话', '座机', '固定电话', '公司电话', 'Telefon serviciu', 'Telefon fix', 'Număr de telefon', 'Nr. telefon', 'Primary Phone']],
  ['phone:mobile', ['Mobile', 'Mobile Phone', 'Mobile Phone Number', 'Cell', 'Cell Phone', 'Mobile Number', 'Handy', 'Mobil', 'Mobiltelefon', 'Mobilnummer', 'Handynummer', '手机', '手机号', '手机号码', '移动电话', 'Telefon mobil', 'Mobil personal']],
  ['phone:home', ['Home Phone', 'Private Phone', 'Telefon privat', '家庭电话', '住宅电话', 'Telefon acasă']],
  ['phone:fax', ['Fax', 'Business Fax', 'Fax Number', 'Telefax', 'Fax geschäftlich', '传真', 'Număr fax']],
  ['phone:other', ['Other Phone', 'Weiteres Telefon', '其他电话', 'Alt telefon']],
  ['website:website', ['Website', 'Web Site', 'Web Page', 'Webpage', 'URL', 'Homepage', 'Webseite', 'Internetseite', 'Internet', '网站', '网址', '主页', 'Site', 'Site web', 'Pagină web']],
  ['website:linkedin', ['LinkedIn', 'LinkedIn URL', 'LinkedIn Profile']],
  ['website:twitter', ['Twitter', 'X (Twitter)']],
  ['website:xing', ['XING']],
  // addresses (contacts: work; accounts: billing)
  ['address:work:full', ['Address', 'Postal Address', 'Full Address', 'Adresse', 'Anschrift', 'Postanschrift', '地址', '通讯地址', '联系地址', '办公地址', 'Adresă completă', 'Adresa completa']],
  ['address:work:street', ['Street', 'Street Address', 'Address Line 1', 'Address 1', 'Address Line 2', 'Street 2', 'Mailing Street', 'Business Street', 'Straße', 'Strasse', 'Straße und Hausnummer', '街道', '街道地址', 'Stradă', 'Strada', 'Adresă', 'Adresa']],
  ['address:work:city', ['City', 'Town', 'Mailing City', 'Business City', 'Ort', 'Stadt', 'Wohnort', '城市', '市', 'Oraș', 'Localitate', 'Localitatea']],
  ['address:work:region', ['State', 'Region', 'Province', 'County', 'State/Province', 'Mailing State', 'Business State', 'Bundesland', 'Kanton', '省', '省份', '地区', 'Județ', 'Judet', 'Regiune', 'Sector']],
  ['address:work:postalCode', ['Zip', 'ZIP Code', 'Postal Code', 'Postcode', 'Post Code', 'Zip/Postal Code', 'Mailing Zip', 'Mailing Postal Code', 'Business Postal Code', 'PLZ', 'Postleitzahl', '邮编', '邮政编码', 'Cod poștal', 'Codul poștal']],
  ['address:work:country', ['Country', 'Country/Region', 'Mailing Country', 'Business Country/Region', 'Land', 'Staat', '国家', '国家/地区', 'Țară', 'Tara', 'Țara']],
  // account and other modules' fields
  ['field:industry', ['Industry', 'Branche', 'Industrie', '行业', '所属行业', 'Domeniu', 'Domeniu de activitate']],
  ['field:employees', ['Employees', 'Number of Employees', 'No. of Employees', 'Employee Count', 'Mitarbeiter', 'Anzahl Mitarbeiter', 'Mitarbeiterzahl', '员工人数', '员工数', 'Nr. angajați', 'Număr angajați', 'Număr de angajați', 'Angajați']],
  ['field:annualRevenue', ['Annual Revenue', 'Revenue', 'Turnover', 'Umsatz', 'Jahresumsatz', '年收入', '年营业额', '营业额', 'Cifră de afaceri', 'Cifra de afaceri', 'Venit anual']],
  ['field:accountType', ['Account Type', 'Type', 'Relationship Type', 'Kontotyp', 'Typ', 'Beziehungstyp', '客户类型', '类型', 'Tip cont', 'Tip']],
  ['field:ownership', ['Ownership', 'Rechtsform', '所有制', 'Proprietate']],
  ['field:rating', ['Rating', 'Bewertung', '评级', 'Evaluare']],
  ['field:accountNumber', ['Account Number', 'Kundennummer', 'Kontonummer', '客户编号', 'Număr cont', 'Cod client']],
  ['field:tickerSymbol', ['Ticker Symbol', 'Ticker', 'Börsenkürzel', '股票代码']],
  ['field:accountSite', ['Account Site', 'Site Name', 'Standort', 'Filiale']],
  ['field:amount', ['Amount', 'Deal Value', 'Value', 'Betrag', 'Wert', '金额', 'Sumă', 'Valoare']],
  ['field:currency', ['Currency', 'Währung', '货币', 'Monedă', 'Moneda']],
  ['field:status', ['Status', 'Stage Status', 'Lead Status', 'Deal Status', '状态', 'Stare']],
  ['field:lostReason', ['Lost Reason', 'Reason for Loss', 'Verlustgrund', '丢单原因', 'Motiv pierdere']],
  ['field:expectedCloseDate', ['Expected Close Date', 'Close Date', 'Closing Date', 'Abschlussdatum', '预计成交日期', 'Data estimată de închidere']],
  ['field:name', ['Deal Name', 'Deal', 'Opportunity Name', 'Opportunity', 'Potential Name', 'Geschäftsname', 'Verkaufschance', '商机名称', 'Nume oportunitate']],
  // bookkeeping other programs add: ignored
  [null, [
    'Created', 'Created Time', 'Created Date', 'Create Date', 'Created At', 'Created By', 'Modified', 'Modified Time', 'Modified By',
    'Updated', 'Updated At', 'Last Modified', 'Last Modified Date', 'Last Activity Time', 'Last Activity Date', 'Last Activity', 'Locked',
    'Unsubscribed Time', 'Unsubscribed Mode', 'Priority', 'Sensitivity', 'Private', 'Erstellt', 'Geändert', 'Erstellt am', 'Geändert am',
    '创建时间', '修改时间', '更新时间', 'Creat', 'Modificat', 'Data creării', 'Ultima modificare', 'Ultimul contact', 'Photo', 'Foto', 'Picture',
  ]],
];

const dictionary = new Map<string, string | null>();
for (const [target, headers] of entries) {
  for (const header of headers) {
    const key = normaliseHeader(header);
    if (!dictionary.has(key)) dictionary.set(key, target);
  }
}

const PARENTHETICAL = /\s*[(（][^()（）]*[)）]\s*$/u;

/**
 * The target a header names by itself, or `null` for a known bookkeeping column, or `undefined` when the header means
 * nothing known. A trailing parenthesis is tried without (`Cifră de afaceri (RON)`, `Cod fiscal (CUI)`).
 */
export function dictionaryTarget(header: string): string | null | undefined {
  const key = normaliseHeader(header);
  if (key === '') return undefined;
  if (dictionary.has(key)) return dictionary.get(key);
  const bare = header.replace(PARENTHETICAL, '');
  if (bare !== header) {
    const bareKey = normaliseHeader(bare);
    if (dictionary.has(bareKey)) return dictionary.get(bareKey);
  }
  return patternTarget(header);
}

const KIND_WORDS: Record<string, 'email' | 'phone' | 'website'> = {
  email: 'email', mail: 'email', emailadresse: 'email', '电子邮件': 'email', '邮箱': 'email',
  phone: 'phone', telephone: 'phone', telefon: 'phone', tel: 'phone', '电话': 'phone',
  website: 'website', web: 'website', url: 'website', webseite: 'website',
};
const LABELS: Record<string, string> = {
  work: 'work', business: 'work', office: 'work', geschaftlich: 'work', serviciu: 'work', '工作': 'work', main: 'work',
  home: 'home', private: 'home', personal: 'home', privat: 'home', '家庭': 'home',
  mobile: 'mobile', cell: 'mobile', mobil: 'mobile', '手机': 'mobile',
  other: 'other', weitere: 'other', sonstige: 'other', '其他': 'other', altele: 'other',
  fax: 'fax',
};
/** `Email - Work`, `Phone (Mobile)`, `Telefon: privat`, `Work Email` (Pipedrive and other per-label columns). */
const KIND_AND_LABEL = /^([\p{L}\p{N}.-]+)\s*(?:[-–:(]|\s)\s*([\p{L}\p{N} ]+?)\)?$/u;

function patternTarget(header: string): string | undefined {
  const m = KIND_AND_LABEL.exec(header.trim());
  if (!m) return undefined;
  const [a, b] = [normaliseHeader(m[1] ?? ''), normaliseHeader(m[2] ?? '')];
  const kind = KIND_WORDS[a] ?? KIND_WORDS[b];
  const label = LABELS[b] ?? LABELS[a];
  if (!kind || !label || KIND_WORDS[a] === KIND_WORDS[b]) return undefined;
  if (kind !== 'phone' && (label === 'mobile' || label === 'fax')) return undefined;
  return `${kind}:${label}`;
}
