/**
 * A parsed vCard as an import draft (issue #15): a person becomes a contact, a company card (`KIND:org`, Apple's
 * `X-ABShowAs:COMPANY`) an account. Properties Kontor has no field for come back as `extras`, unchanged, so the
 * CardDAV server (issue #17) can write them back.
 *
 * Decisions, where vCard and Kontor do not line up:
 * - Name: N's additional names follow the given name in `firstName` (`Anna` + `Maria` -> `Anna Maria`), its suffix
 *   follows the family name in `lastName` (`O'Neill` + `Jr.` -> `O'Neill Jr.`): Kontor has no fields for either and
 *   both must survive verbatim. A prefix that names a salutation (`Mr.`, `Frau`, `Dr.`) becomes the salutation;
 *   another prefix (`Dipl.-Ing.`) goes before the first name. No N (or an empty one) takes FN as the last name.
 *   A card with no name at all but an ORG is a company card.
 * - ALTID alternatives (`FN;ALTID=1;LANGUAGE=zh-Hans:赵敏` / `…LANGUAGE=en:Zhao Min`): the one without LANGUAGE, else
 *   the first, is mapped; the others are extras.
 * - ORG's first unit is the company (contacts) or the name (accounts); further units are the department.
 * - TITLE is the position; ROLE too when there is no TITLE (else an extra).
 * - A phone's 4.0 `tel:` URI is written as a phone number; its extension stays as ` ext. 42`.
 * - A BDAY that is no date (`VALUE=text:circa 1800`) is an extra; a malformed or impossible date is a problem.
 * - NICKNAME and Android's nickname row are extras (no field); their text is also in `nicknames` for whoever wants it.
 * - UID is the source id, so importing the same cards again updates them.
 * - At most 50 of each kind of point (Kontor's limit) are mapped; the rest are extras.
 * FN (recomposed on writing), VERSION, PRODID, REV, KIND and X-ABShowAs are not kept.
 */
import { isValidBirthday } from '@kontor/contract/contacts';
import { fieldErrorTexts } from '@kontor/contract/field-errors';
import { emptyDraft, type AddressDraft, type ImportDraft, type PointDraft } from '../imports/mapping/draft.ts';
import { components, listValue, paramValue, textValue, type VCard, type VProperty } from './vcard-model.ts';
import { birthdayValue, groupLabel, phoneValue, photoValue, pointLabel, primaryIndex, salutationOf, type PointKind } from './vcard-values.ts';

export interface CardMapping {
  module: 'contacts' | 'accounts';
  draft: ImportDraft;
  /** Properties with no Kontor field, as read (with the `X-ABLabel` of their group), in card order. */
  extras: VProperty[];
  nicknames: string[];
}

const MAX_POINTS = 50;
const dropped = new Set(['VERSION', 'PRODID', 'REV', 'KIND', 'X-ABSHOWAS']);

/** Split ALTID alternatives: the mapped ones, and the others (extras). */
function pickAlternatives(props: VProperty[]): { main: VProperty[]; alternatives: Set<VProperty> } {
  const byAltId = new Map<string, VProperty[]>();
  for (const p of props) {
    const altId = paramValue(p, 'ALTID');
    if (altId === null) continue;
    const key = `${p.name}\u0000${altId}`;
    byAltId.set(key, [...(byAltId.get(key) ?? []), p]);
  }
  const alternatives = new Set<VProperty>();
  for (const group of byAltId.values()) {
    const chosen = group.find((p) => paramValue(p, 'LANGUAGE') === null) ?? group[0];
    for (const p of group) if (p !== chosen) alternatives.add(p);
  }
  return { main: props.filter((p) => !alternatives.has(p)), alternatives };
}

const isCompanyCard = (props: VProperty[]): boolean =>
  props.some((p) => (p.name === 'KIND' && /^org(anization)?$/i.test(textValue(p).trim())) || (p.name === 'X-ABSHOWAS' && textValue(p).trim().toUpperCase() === 'COMPANY'));

const join = (parts: string[], separator: string): string =>
  parts
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(separator);

export function vcardToDraft(card: VCard): CardMapping {
  const { main, alternatives } = pickAlternatives(card.properties);
  const used = new Set<VProperty>();
  const first = (name: string): VProperty | null => {
    const p = main.find((x) => x.name === name && !used.has(x)) ?? null;
    if (p) used.add(p);
    return p;
  };
  const draft = emptyDraft();
  const nameProp = first('N');
  const fnProp = first('FN');
  const orgProp = first('ORG');
  const [family = '', given = '', additional = '', prefix = '', suffix = ''] = nameProp ? components(nameProp, 5) : [];
  const org = orgProp ? components(orgProp) : [];
  const orgName = (org[0] ?? '').trim();
  const fn = fnProp ? textValue(fnProp).trim() : '';
  const hasPersonName = join([family, given, additional], '') !== '' || fn !== '';
  const module = isCompanyCard(main) || (!hasPersonName && orgName !== '') ? 'accounts' : 'contacts';

  if (module === 'contacts') {
    const salutation = salutationOf(prefix);
    if (salutation) draft.fields.salutation = salutation;
    const firstName = join([salutation ? '' : prefix, given, additional], ' ');
    const lastName = join([family, suffix], ' ');
    if (firstName !== '') draft.fields.firstName = firstName;
    if (lastName !== '') draft.fields.lastName = lastName;
    else if (firstName === '' && fn !== '') draft.fields.lastName = fn;
    if (orgName !== '') draft.company = { name: orgName, sourceId: null };
    const department = join(org.slice(1), ', ');
    if (department !== '') draft.fields.department = department;
    const title = first('TITLE') ?? first('ROLE');
    if (title && textValue(title).trim() !== '') draft.fields.position = textValue(title).trim();
    mapBirthday(main, used, draft);
  } else {
    draft.fields.name = orgName || fn || join([given, family], ' ');
  }

  mapPoints(card, main, used, draft);

  const notes = main.filter((p) => p.name === 'NOTE');
  notes.forEach((p) => used.add(p));
  const description = join(notes.map(textValue), '\n\n');
  if (description !== '') draft.fields.description = description;

  const seenTags = new Set<string>();
  for (const p of main.filter((x) => x.name === 'CATEGORIES')) {
    used.add(p);
    for (const tag of listValue(p)) {
      if (seenTags.has(tag.toLowerCase())) continue;
      seenTags.add(tag.toLowerCase());
      draft.tags.push(tag);
    }
  }

  const photoProp = [...main.filter((p) => p.name === 'PHOTO'), ...main.filter((p) => p.name === 'LOGO' && module === 'accounts')].find((p) => photoValue(p) !== null);
  if (photoProp) {
    used.add(photoProp);
    draft.photo = photoValue(photoProp);
  }

  const uid = first('UID');
  if (uid && textValue(uid).trim() !== '') draft.sourceId = textValue(uid).trim();

  const nicknames: string[] = [];
  for (const p of main) {
    if (p.name === 'NICKNAME') nicknames.push(...listValue(p));
    if (p.name === 'X-ANDROID-CUSTOM') {
      const [kind = '', value = ''] = components(p);
      if (kind === 'vnd.android.cursor.item/nickname' && value.trim() !== '') nicknames.push(value.trim());
    }
  }

  const extras = card.properties.filter((p) => alternatives.has(p) || (!used.has(p) && !dropped.has(p.name) && !(p.name === 'FN' || p.name === 'N')));
  return { module, draft, extras, nicknames };
}

function mapBirthday(main: VProperty[], used: Set<VProperty>, draft: ImportDraft): void {
  const bday = main.find((p) => p.name === 'BDAY');
  if (!bday) return;
  const value = birthdayValue(bday);
  if (value === null && (paramValue(bday, 'VALUE') ?? '').toLowerCase() === 'text') return; // free text: an extra
  used.add(bday);
  if (value !== null && isValidBirthday(value)) draft.fields.birthday = value;
  else draft.problems.push({ column: 'BDAY', code: 'birthday', message: `${fieldErrorTexts.birthday}: ${textValue(bday)}` });
}

const pointKinds: PointKind[] = ['EMAIL', 'TEL', 'URL', 'ADR'];

function mapPoints(card: VCard, main: VProperty[], used: Set<VProperty>, draft: ImportDraft): void {
  for (const kind of pointKinds) {
    const props = main.filter((p) => p.name === kind && (kind === 'ADR' ? components(p).some((c) => c.trim() !== '') : textValue(p).trim() !== '')).slice(0, MAX_POINTS);
    const primary = primaryIndex(props);
    props.forEach((p, i) => {
      used.add(p);
      const labelProp = groupLabel(card, p);
      if (labelProp) used.add(labelProp);
      const label = pointLabel(kind, p, labelProp);
      const isPrimary = i === primary;
      if (kind === 'ADR') draft.addresses.push(addressOf(p, label, isPrimary));
      else {
        const point: PointDraft = { label, value: kind === 'TEL' ? phoneValue(p) : textValue(p).trim(), primary: isPrimary };
        (kind === 'EMAIL' ? draft.emails : kind === 'TEL' ? draft.phones : draft.websites).push(point);
      }
    });
  }
}

function addressOf(prop: VProperty, label: string, primary: boolean): AddressDraft {
  const [poBox = '', extended = '', street = '', city = '', region = '', postalCode = '', country = ''] = components(prop, 7);
  return { label, street: join([street, extended, poBox], '\n'), city: city.trim(), region: region.trim(), postalCode: postalCode.trim(), country: country.trim(), primary };
}
