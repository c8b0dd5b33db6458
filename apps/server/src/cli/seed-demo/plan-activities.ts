/**
 * Planning the demo's activities, notes and leads (issue #10): calls, meetings and tasks on most accounts, past ones
 * done and a few overdue, upcoming ones spread over today, this week, next week and later (so every column of the
 * Kanban by next activity has cards); notes on some accounts; leads in every language, a few of them converted.
 */
import type { ActivityType } from '@kontor/contract/activities';
import type { LeadCreate } from '@kontor/contract/leads';
import type { Lang } from './countries.ts';
import type { PlannedAccount } from './plan-accounts.ts';
import type { PlannedContact } from './plan-contacts.ts';
import type { Rng } from './random.ts';
import { DEMO_TAG } from './tags.ts';
import { slug } from './text.ts';
import type { UserKey } from './users.ts';

export interface PlannedActivity {
  account: number;
  contact: number | null;
  owner: UserKey;
  type: ActivityType;
  subject: string;
  /** Days from the seed's day (negative: in the past) and the hour, local to nobody in particular (UTC). */
  day: number;
  hour: number;
  done: boolean;
  outcome: string | null;
}
export interface PlannedNote {
  account: number;
  owner: UserKey;
  html: string;
}
export interface PlannedLead {
  owner: UserKey;
  input: LeadCreate;
  convert: boolean;
}

type Texts = { call: string[]; meeting: string[]; task: string[]; outcome: string[]; note: string[] };
const s = (v: string) => v.split('|');
const texts: Record<Lang, Texts> = {
  de: { call: s('Rückruf wegen Angebot|Bedarf telefonisch klären|Nachfassen nach der Messe'), meeting: s('Produktvorführung vor Ort|Jahresgespräch|Vertragsverhandlung'), task: s('Angebot schicken|Referenzliste senden|Vertragsentwurf prüfen'), outcome: s('Interesse bestätigt, Angebot folgt|Mailbox, morgen erneut anrufen|Kein Bedarf vor dem dritten Quartal'), note: s('Budget für das nächste Quartal ist <b>freigegeben</b>.|Einkauf vergleicht drei Angebote; Entscheidung bis Monatsende.|Ansprechpartnerin wechselt im Sommer in die Zentrale.') },
  en: { call: s('Call back about the quote|Discovery call|Follow up after the trade fair'), meeting: s('On-site product demo|Annual account review|Contract negotiation'), task: s('Send the proposal|Send customer references|Review the draft contract'), outcome: s('Interested, proposal to follow|Voicemail, try again tomorrow|No need before Q3'), note: s('Budget for next quarter is <b>approved</b>.|Purchasing compares three offers; decision by month end.|Our champion moves to headquarters in the summer.') },
  ro: { call: s('Revenire telefonică despre ofertă|Apel de clarificare a nevoilor|Revenire după târg'), meeting: s('Demonstrație de produs la client|Întâlnire anuală de cont|Negocierea contractului'), task: s('Trimite oferta|Trimite lista de referințe|Verifică proiectul de contract'), outcome: s('Interes confirmat, urmează oferta|Mesagerie, revin mâine|Fără nevoi până în T3'), note: s('Bugetul pentru trimestrul următor este <b>aprobat</b>.|Achizițiile compară trei oferte; decizia până la sfârșitul lunii.|Persoana de contact se mută la sediul central vara aceasta.') },
  zh: { call: s('回电讨论报价|需求沟通电话|展会后电话跟进'), meeting: s('上门产品演示|年度客户回顾会|合同谈判'), task: s('发送报价单|发送客户案例|审阅合同草稿'), outcome: s('确认有兴趣，随后发报价|语音信箱，明天再打|第三季度前暂无需求'), note: s('下季度预算已<b>批准</b>。|采购部门正在比较三家报价，月底前决定。|我们的对接人夏天将调往总部。') },
  fr: { call: s('Rappel au sujet du devis|Appel de découverte|Relance après le salon'), meeting: s('Démonstration sur site|Revue annuelle du compte|Négociation du contrat'), task: s('Envoyer la proposition|Envoyer des références|Relire le projet de contrat'), outcome: s('Intéressé, proposition à suivre|Messagerie, rappeler demain|Pas de besoin avant le T3'), note: s('Le budget du prochain trimestre est <b>validé</b>.|Les achats comparent trois offres ; décision en fin de mois.|Notre contact rejoint le siège cet été.') },
  pl: { call: s('Oddzwonić w sprawie oferty|Rozmowa o potrzebach|Kontakt po targach'), meeting: s('Prezentacja produktu u klienta|Roczny przegląd klienta|Negocjacje umowy'), task: s('Wysłać ofertę|Wysłać referencje|Sprawdzić projekt umowy'), outcome: s('Zainteresowani, oferta w drodze|Poczta głosowa, zadzwonić jutro|Brak potrzeb przed III kwartałem'), note: s('Budżet na kolejny kwartał został <b>zatwierdzony</b>.|Dział zakupów porównuje trzy oferty; decyzja do końca miesiąca.|Nasz kontakt latem przechodzi do centrali.') },
};

const leadPeople: Array<[Lang, string, string, string, UserKey]> = [
  ['de', 'Jonas', 'Keller', 'Keller Präzisionsoptik GmbH', 'anna'],
  ['de', 'Miriam', 'Vogt', 'Vogt & Söhne Metallbau KG', 'anna'],
  ['de', 'Tobias', 'Brandt', 'Nordwind Windenergie AG', 'anna'],
  ['en', 'Emily', 'Hughes', 'Bluewater Analytics Ltd', 'james'],
  ['en', 'Oliver', 'Carter', 'Carter & Finch LLC', 'james'],
  ['en', 'Grace', 'Whitman', 'Harborview Logistics Inc', 'james'],
  ['ro', 'Andrei', 'Marin', 'Carpați Soft SRL', 'ioana'],
  ['ro', 'Ioana', 'Radu', 'Dunărea Agro SA', 'ioana'],
  ['zh', '伟', '张', '华东精密电子有限公司', 'li'],
  ['zh', '芳', '刘', '深蓝物流集团', 'li'],
  ['fr', 'Camille', 'Lefèvre', 'Atelier Lefèvre SAS', 'james'],
  ['pl', 'Katarzyna', 'Nowak', 'Nowak Budownictwo Sp. z o.o.', 'anna'],
];
const leadSources = ['web', 'referral', 'event', 'cold_call', 'partner', 'advertisement', 'trade_show'] as const;
const leadStatuses = ['new', 'contacted', 'qualified', 'unqualified'] as const;

export function planActivities(r: Rng, accounts: PlannedAccount[], contacts: PlannedContact[]): { activities: PlannedActivity[]; notes: PlannedNote[]; leads: PlannedLead[] } {
  const activities: PlannedActivity[] = [];
  const notes: PlannedNote[] = [];
  const contactsOf = new Map<number, number[]>();
  contacts.forEach((c, i) => c.account != null && contactsOf.set(c.account, [...(contactsOf.get(c.account) ?? []), i]));
  for (const a of accounts) {
    const t = texts[a.country.lang];
    const people = contactsOf.get(a.index) ?? [];
    // One account in eight has nothing planned and nothing done (the board's "no activity" column, "not contacted").
    if (r.chance(0.12)) continue;
    const past = r.int(1, 3);
    for (let i = 0; i < past; i++) {
      const type = r.pick(['call', 'call', 'meeting', 'task'] as const);
      activities.push({ account: a.index, contact: people.length && type !== 'task' ? r.pick(people) : null, owner: a.owner, type, subject: r.pick(t[type]), day: -r.int(3, 200), hour: r.int(8, 17), done: true, outcome: type === 'call' ? r.pick(t.outcome) : null });
    }
    if (r.chance(0.8)) {
      // The next step: a few overdue, the rest today, this week, next week or later.
      const day = r.weighted<number>([[-r.int(1, 10), 10], [0, 15], [r.int(1, 5), 30], [r.int(7, 13), 25], [r.int(14, 60), 20]]);
      const type = r.pick(['call', 'meeting', 'task'] as const);
      activities.push({ account: a.index, contact: people.length && type !== 'task' ? r.pick(people) : null, owner: a.owner, type, subject: r.pick(t[type]), day, hour: r.int(9, 16), done: false, outcome: null });
    }
    if (r.chance(0.35)) notes.push({ account: a.index, owner: a.owner, html: `<p>${r.pick(t.note)}</p>` });
  }
  const leads: PlannedLead[] = leadPeople.map(([lang, first, last, company, owner], i) => ({
    owner,
    convert: i % 4 === 1,
    input: {
      firstName: first,
      lastName: last,
      company,
      email: lang === 'zh' ? `lead${i}@example.cn` : `${slug(first)}.${slug(last)}@lead-${i}.example.com`,
      phone: lang === 'de' ? `+49 30 ${5550100 + i}` : lang === 'ro' ? `+40 21 ${5550100 + i}` : lang === 'zh' ? `+86 10 ${55501000 + i}` : `+44 20 ${75550100 + i}`,
      source: r.pick(leadSources),
      status: r.pick(leadStatuses),
      tags: [DEMO_TAG],
    },
  }));
  return { activities, notes, leads };
}
