import type { Browser } from 'playwright-core';
import { apiAs } from './api.ts';
import { ADMIN } from './server.ts';

/** The records the sweep's pages show, created through the API. */
export interface SweepData {
  accountId: string;
  contactId: string;
  dealId: string;
  leadId: string;
  invitePath: string;
  /** One account per language to delete from its page (the undo toast). */
  throwaway: Record<string, string>;
}

export const SWEEP_ACCOUNT = 'Norddeutsche Präzisionswerkzeuge & Sondermaschinenbau Aktiengesellschaft';
export const SWEEP_TAG = 'Schlüsselkunde Norddeutschland';

const day = (offset: number, hour = 9) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  d.setHours(hour, 30, 0, 0);
  return d.toISOString();
};

/**
 * Demo data in the shapes that stress a layout: long German compound names, Chinese and Romanian names, many tags, large
 * amounts in several currencies, activities overdue, today and later, a note, a custom field, records in the recycle bin.
 */
export async function createSweepData(browser: Browser, baseUrl: string, langs: readonly string[]): Promise<SweepData> {
  const api = await apiAs(browser, baseUrl, ADMIN.email, ADMIN.password);
  type Id = { id: string };
  try {
    await api.post('/custom-fields', { module: 'accounts', key: 'sweep_region', label: 'Vertriebsregion und Gebietsverantwortung', type: 'text' }).catch(() => undefined);
    const account = await api.post<Id>('/accounts', {
      name: SWEEP_ACCOUNT,
      industry: 'machinery',
      accountType: 'customer',
      employees: 1_234_567,
      annualRevenue: 987_654_321_000,
      tags: [SWEEP_TAG, 'Messe Hannover 2026', 'Rahmenvertrag'],
      emails: [{ label: 'work', value: 'einkauf.zentrale@praezisionswerkzeuge-norddeutschland.example', primary: true }],
      phones: [{ label: 'work', value: '+49 40 123456789', primary: true }],
      description: 'Langjähriger Kunde mit Standorten in Hamburg, Bremen, Kiel und Rostock.',
      customFields: { sweep_region: 'Schleswig-Holstein und Mecklenburg-Vorpommern' },
    });
    const others = [
      { name: '上海精密机械制造股份有限公司', industry: 'manufacturing' },
      { name: 'Societatea Comercială Întreprinderea Mecanică Științifică SRL', industry: 'engineering' },
      { name: 'Großhandel für Industriebedarf und Arbeitsschutz Müller & Söhne KG', industry: 'retail' },
    ];
    const otherIds: string[] = [];
    for (const o of others) otherIds.push((await api.post<Id>('/accounts', { ...o, tags: [SWEEP_TAG] })).id);
    const contact = await api.post<Id>('/contacts', {
      salutation: 'dr',
      firstName: 'Maximiliane',
      lastName: 'Hohenzollern-Sigmaringen',
      position: 'Leiterin Einkauf und strategisches Lieferantenmanagement',
      department: 'Beschaffung',
      accountId: account.id,
      tags: [SWEEP_TAG],
      emails: [{ label: 'work', value: 'maximiliane.hohenzollern-sigmaringen@praezisionswerkzeuge.example', primary: true }],
      phones: [{ label: 'mobile', value: '+49 171 98765432', primary: true }],
    });
    await api.post('/contacts', { firstName: '丹', lastName: '李', position: '采购经理', accountId: otherIds[0] });
    await api.post('/contacts', { firstName: 'Ștefania', lastName: 'Țurcanu-Iordăchescu', position: 'Director achiziții', accountId: otherIds[1] });
    const deal = await api.post<Id>('/deals', {
      name: 'Rahmenvertrag Werkzeugmaschinen und Wartung für alle norddeutschen Standorte 2027',
      amount: 12_345_678.9,
      currency: 'EUR',
      accountId: account.id,
      contactId: contact.id,
      expectedCloseDate: day(45).slice(0, 10),
    });
    await api.post('/deals', { name: 'Ersatzteilversorgung', amount: 48_000, currency: 'USD', accountId: account.id, status: 'won' });
    await api.post('/deals', { name: '精密零件年度采购', amount: 2_500_000, currency: 'CNY', accountId: otherIds[0], expectedCloseDate: day(-10).slice(0, 10) });
    const lead = await api.post<Id>('/leads', {
      firstName: 'Ingrid',
      lastName: 'Nordlicht-Feinmechanik',
      company: 'Nordlicht Optik und Feinmechanik Gesellschaft mit beschränkter Haftung',
      email: 'ingrid.nordlicht@nordlicht-optik.example',
      position: 'Geschäftsführende Gesellschafterin',
      source: 'trade_show',
      status: 'qualified',
    });
    for (const a of [
      { type: 'task', subject: 'Angebot für die Erweiterung der Fertigungslinie nachfassen und Rückfragen klären', dueAt: day(-2) },
      { type: 'call', subject: 'Telefonat zur Verlängerung des Wartungsvertrags', startAt: day(0, 15), durationMinutes: 30 },
      { type: 'meeting', subject: 'Jahresgespräch mit der Geschäftsführung in Hamburg', startAt: day(3, 10), durationMinutes: 90, location: 'Hamburg, Speicherstadt' },
      { type: 'task', subject: 'Vertragsunterlagen archivieren', dueAt: day(-5), done: true },
    ]) {
      await api.post('/activities', { ...a, accountId: account.id, contactId: contact.id });
    }
    await api.post('/notes', { body: '<p>Einkauf plant die <strong>Umstellung auf Rahmenverträge</strong> im nächsten Geschäftsjahr.</p>', accountId: account.id });
    // the recycle bin holds something
    const gone = await api.post<Id>('/accounts', { name: 'Aufgelöste Vertriebsgesellschaft Süd-West GmbH & Co. KG' });
    await api.delete(`/accounts/${gone.id}`);
    const goneContact = await api.post<Id>('/contacts', { firstName: 'Bartholomäus', lastName: 'Ausgeschieden' });
    await api.delete(`/contacts/${goneContact.id}`);
    const throwaway: Record<string, string> = {};
    for (const lang of langs) throwaway[lang] = (await api.post<Id>('/accounts', { name: `Wegwerf-Handelsgesellschaft für Papierkorbtests (${lang})` })).id;
    const invite = await api.post<{ invitePath: string }>('/users/invite', { name: 'Konstantin Einladungsempfänger', email: `sweep.invite.${Date.now()}@example.com`, role: 'sales' });
    return { accountId: account.id, contactId: contact.id, dealId: deal.id, leadId: lead.id, invitePath: invite.invitePath, throwaway };
  } finally {
    await api.close();
  }
}
