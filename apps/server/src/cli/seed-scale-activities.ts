import { foldText } from '../db/dialect.ts';
import { personSortKey } from '@kontor/contract/sort-key';
import type { Row } from './copy-to.ts';

/**
 * The activity half of `seed --scale N` (issue #10): 2N activities on the accounts (with the account's first contact
 * or deal on some), N/2 notes on accounts, contacts and deals, N/10 leads, and the timeline events the app would have
 * written for all of it. Rows are exactly what the services write.
 */

type Locale = 'de' | 'en' | 'ro' | 'zh';
export interface ScaleRandom {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
}
export interface ScaleAccount {
  id: number;
  owner: number;
  loc: Locale;
  contact: number;
  deal: number;
}
export interface ScaleContext {
  r: ScaleRandom;
  owners: number[];
  accounts: ScaleAccount[];
  put(table: string, columns: string[], row: Row): Promise<void>;
  inChunks(label: string, total: number, row: (i: number) => Promise<void>): Promise<void>;
  nextId(table: 'activities' | 'notes' | 'leads'): number;
}

const list = (s: string) => s.split('|');
const subjects: Record<'call' | 'meeting' | 'task', Record<Locale, string[]>> = {
  call: {
    de: list('Rückruf wegen Angebot|Bedarfsanalyse telefonisch|Nachfassen nach Messe|Termin abstimmen'),
    en: list('Call back about the quote|Discovery call|Follow up after the trade fair|Agree on a date'),
    ro: list('Revenire telefonică despre ofertă|Apel de analiză a nevoilor|Revenire după târg|Stabilire întâlnire'),
    zh: list('回电讨论报价|需求沟通电话|展会后跟进|确认会面时间'),
  },
  meeting: {
    de: list('Produktvorführung|Jahresgespräch|Vertragsverhandlung|Workshop vor Ort'),
    en: list('Product demo|Annual review|Contract negotiation|On-site workshop'),
    ro: list('Demonstrație de produs|Întâlnire anuală|Negociere contract|Atelier la sediul clientului'),
    zh: list('产品演示|年度回顾会|合同谈判|现场研讨会'),
  },
  task: {
    de: list('Angebot senden|Referenzen schicken|Rechnung prüfen|Vertrag vorbereiten'),
    en: list('Send the proposal|Send references|Check the invoice|Prepare the contract'),
    ro: list('Trimite oferta|Trimite referințe|Verifică factura|Pregătește contractul'),
    zh: list('发送报价单|发送客户案例|核对发票|准备合同'),
  },
};
const outcomes: Record<Locale, string[]> = {
  de: list('Interesse bestätigt|Kein Bedarf zurzeit|Mailbox, erneut anrufen'),
  en: list('Interest confirmed|No need at the moment|Voicemail, call again'),
  ro: list('Interes confirmat|Fără nevoi momentan|Mesagerie, revin'),
  zh: list('确认有兴趣|暂无需求|语音信箱，稍后再打'),
};
const noteTexts: Record<Locale, string[]> = {
  de: list('Budget für das nächste Quartal freigegeben.|Einkauf möchte drei Angebote vergleichen.|Ansprechpartner wechselt im Sommer.'),
  en: list('Budget approved for next quarter.|Purchasing wants to compare three offers.|Our contact changes jobs in the summer.'),
  ro: list('Buget aprobat pentru trimestrul următor.|Achizițiile vor să compare trei oferte.|Persoana de contact pleacă în vară.'),
  zh: list('下季度预算已批准。|采购部门希望比较三家报价。|对接人夏天将调岗。'),
};
const leadFirst = list('Jonas|Emily|Andrei|Wei|Sophie|Oliver|Ioana|Fang|Lena|James');
const leadLast = list('Keller|Hughes|Marin|Zhang|Vogel|Carter|Radu|Liu|Brandt|Price');
const leadCompanies = list('Nordwind Technik|Bluewater Analytics|Carpați Soft|华东电子|Alpenblick Hotels|Harbor Freight Tools|Delta Agro|深蓝物流');
const leadStatuses = list('new|new|contacted|contacted|qualified|unqualified');
const leadSources = list('web|referral|event|cold_call|partner|advertisement|trade_show');

const ACTIVITY_COLS = ['id', 'type', 'subject', 'subject_sort', 'due_at', 'start_at', 'end_at', 'duration_minutes', 'all_day', 'location', 'outcome', 'description', 'done', 'done_at',
  'scheduled_at', 'account_id', 'contact_id', 'deal_id', 'lead_id', 'owner_id', 'custom_fields', 'restricted', 'photo_file_id', 'deleted_at', 'deleted_by',
  'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
const NOTE_COLS = ['id', 'module', 'record_id', 'body', 'body_text', 'mentions', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
const LEAD_COLS = ['id', 'first_name', 'last_name', 'name_sort', 'company', 'email', 'phone', 'position', 'source', 'status', 'description', 'converted_at', 'converted_contact_id',
  'converted_account_id', 'converted_deal_id', 'owner_id', 'custom_fields', 'restricted', 'photo_file_id', 'deleted_at', 'deleted_by', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
export const TIMELINE_COLS = ['at', 'actor_id', 'kind', 'module', 'record_id', 'item_type', 'item_id', 'account_id', 'contact_id', 'deal_id', 'lead_id', 'details'];

/** A `created` timeline event as the services write it. */
export const createdEvent = (at: string, actor: number, module: string, id: number, ctx: { account?: number | null; contact?: number | null; deal?: number | null; lead?: number | null }): Row => [
  at, actor, 'created', module, id, null, null, ctx.account ?? null, ctx.contact ?? null, ctx.deal ?? null, ctx.lead ?? null, '{}',
];

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

export async function seedActivities(ctx: ScaleContext, scale: number): Promise<void> {
  const { r, put } = ctx;
  const now = Date.now();
  await ctx.inChunks('activities', scale * 2, async () => {
    const acc = r.pick(ctx.accounts);
    const type = r.pick(['call', 'call', 'meeting', 'task'] as const);
    const subject = r.pick(subjects[type][acc.loc]);
    // 70% done in the past year; the rest open from a month overdue to two months ahead.
    const done = r.next() < 0.7;
    const at = done ? now - r.next() * 365 * DAY : now + (r.next() * 90 - 30) * DAY;
    const when = iso(Math.floor(at / 900_000) * 900_000);
    const minutes = type === 'meeting' ? 60 : type === 'call' ? 15 : null;
    const end = minutes ? iso(Date.parse(when) + minutes * 60_000) : null;
    const contact = acc.contact && r.next() < 0.5 ? acc.contact : null;
    const deal = acc.deal && r.next() < 0.3 ? acc.deal : null;
    const owner = r.next() < 0.85 ? acc.owner : r.pick(ctx.owners);
    const created = iso(Math.min(now, Date.parse(when)) - r.int(20) * DAY);
    const id = ctx.nextId('activities');
    await put('activities', ACTIVITY_COLS, [id, type, subject, foldText(subject), type === 'task' ? when : null, type === 'task' ? null : when, end, minutes, 0, null,
      done && type === 'call' ? r.pick(outcomes[acc.loc]) : null, null, done ? 1 : 0, done ? when : null, when, acc.id, contact, deal, null, owner, '{}', 0, null, null, null,
      created, owner, done ? when : created, owner, 1]);
    await put('timeline_events', TIMELINE_COLS, createdEvent(created, owner, 'activities', id, { account: acc.id, contact, deal }));
    if (done) await put('timeline_events', TIMELINE_COLS, [when, owner, 'activity_completed', 'activities', id, null, null, acc.id, contact, deal, null, '{}']);
  });

  await ctx.inChunks('notes', Math.floor(scale / 2), async () => {
    const acc = r.pick(ctx.accounts);
    const on = r.next();
    const [module, recordId] = on < 0.5 || !acc.contact ? ['accounts', acc.id] : on < 0.8 || !acc.deal ? ['contacts', acc.contact] : ['deals', acc.deal];
    const text = r.pick(noteTexts[acc.loc]);
    const author = r.next() < 0.8 ? acc.owner : r.pick(ctx.owners);
    const at = iso(now - r.next() * 365 * DAY);
    const id = ctx.nextId('notes');
    await put('notes', NOTE_COLS, [id, module, recordId, `<p>${text}</p>`, text, '[]', at, author, at, author, 1]);
    await put('timeline_events', TIMELINE_COLS, [at, author, 'note_added', module, recordId, 'note', id, acc.id, module === 'contacts' ? recordId : null, module === 'deals' ? recordId : null, null,
      JSON.stringify({ excerpt: text })]);
  });

  await ctx.inChunks('leads', Math.floor(scale / 10), async (i) => {
    const first = r.pick(leadFirst);
    const last = r.pick(leadLast);
    const company = r.pick(leadCompanies);
    const owner = r.pick(ctx.owners);
    const at = iso(now - r.next() * 180 * DAY);
    const id = ctx.nextId('leads');
    await put('leads', LEAD_COLS, [id, first, last, personSortKey({ firstName: first, lastName: last }), company, `${foldText(first)}.${foldText(last)}${i}@lead.example.com`, `+49 30 ${String(r.int(1e8)).padStart(8, '0')}`,
      null, r.pick(leadSources), r.pick(leadStatuses), null, null, null, null, null, owner, '{}', 0, null, null, null, at, owner, at, owner, 1]);
    await put('timeline_events', TIMELINE_COLS, createdEvent(at, owner, 'leads', id, { lead: id }));
  });
}
