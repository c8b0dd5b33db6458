import { describe, expect, it } from 'vitest';
import { useHarness, type TestClient } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { fixture, problemsOf, runImport } from './import-test-kit.ts';

/**
 * Every real-world file of `../shared/fixtures/real` through the whole import (upload, detection, mapping, engine) on
 * an empty instance, as its README says it must come out: the contacts and accounts it makes, the values that must
 * survive verbatim, the normalised phones. Each file gets its own database, so counts are the file's alone.
 */

interface Expect {
  file: string;
  module?: 'contacts' | 'accounts';
  sheet?: string;
  contacts: number;
  accounts: number;
  survive: string[];
  e164?: string[];
}

const cases: Expect[] = [
  { file: 'outlook_en_2016_contacts.csv', contacts: 12, accounts: 8, survive: ['Voß', 'Muñoz Ortega', 'Bjørnstad', "O'Neill", 'Étienne', '12, rue de l’Épée', 'Tue–Thu', '“Q3”', 'Asked for the price list in \\"EUR €\\" – send PDF.', 'PRIYA.R@LumenDynamics.example', '1975-03-14'], e164: ['+442079460321', '+16175550147'] },
  { file: 'outlook_de_kontakte_excel_semikolon.csv', contacts: 10, accounts: 6, survive: ['Weiß', 'Krüger', 'Özdemir', 'Klaus-Dieter', 'Hotel Zur Post; Inh. F. Kaiser', 'Ansprechpartnerin für die Ausschreibung „Brot 2025“.', '1968-09-07'], e164: ['+4934123125017', '+491715550123'] },
  { file: 'google_contacts_export.csv', contacts: 10, accounts: 5, survive: ['Ștefan', 'Țurcanu', '王', '伟', '深圳星河电子有限公司', 'Bucureşti', 'ELENA.VASILESCU@agroverde.example', 'Clienți', '供应商', '--05-17'], e164: ['+40721234567', '+40213104455', '+40213104456'] },
  { file: 'zoho_crm_accounts_export.csv', module: 'accounts', contacts: 0, accounts: 8, survive: ['上海华信贸易有限公司', 'Societatea Ștefănescu & Fiii SRL', 'Rio Verde Agrícola Ltda.', '38500000', '240'] },
  { file: 'salesforce_dataloader_contacts.csv', contacts: 10, accounts: 4, survive: ['fiona.macleod+crm@kestrel-aero.example', '佐藤', '健太', 'Hrițcu', 'Lupașcu', 'Hangar 3, Cranfield Airfield\\nWharley End', '\\"Hanko\\" needed on all contracts.', '1969-08-14'] },
  { file: 'hubspot_contacts_export.csv', contacts: 10, accounts: 4, survive: ['Järvinen', 'Inês', 'João', "D'Amico", 'Ben.Carter@Brightwave.example'] },
  { file: 'pipedrive_people_export.csv', contacts: 10, accounts: 4, survive: ['Vinařství Horák s.r.o.', 'Alpenglühen Reisen GmbH', 'Lindqvist & Berg AB', 'NADIA@LINDQVIST-BERG.EXAMPLE'], e164: ['+420519555101', '+420519555102', '+420602555101'] },
  { file: 'android_contacts_v21.vcf', contacts: 8, accounts: 4, survive: ['王', '芳', 'Stănescu', 'Mureșan-Vlădoianu', 'Cristian-Alexandru Ioan', 'Infrastructură', '小张', 'Preferă SMS.\\nClient din 2019.', 'Night shift; call after 6pm; gate code 4411'], e164: ['+40744555101'] },
  { file: 'apple_contacts_v30.vcf', contacts: 5, accounts: 3, survive: ['Qualitätssicherung', 'Büro', '李', '明', "Sarah O'Brien".split(' ')[1] ?? '', 'https://lindenhof-molkerei.example/team/sarah', '--11-23'] },
  { file: 'contacts_v40.vcf', contacts: 4, accounts: 2, survive: ['赵敏', 'Brașov', 'Bulevardul Eroilor 15, ap. 4', '--04-12'], e164: ['+494915550142'] },
  { file: 'excel_unicode_text_utf16le.txt', contacts: 10, accounts: 8, survive: ['Łukasz', 'Παπαδόπουλος', 'Dvořáková', 'İstanbul', '山田', '花子', 'حداد', 'Nguyễn Thị', 'Deliveries:\\nback door only 🚚', 'Hẹn gặp \\"tuần sau\\"'] },
  { file: 'conturi_si_contacte_ro.xlsx', module: 'accounts', sheet: 'Conturi', contacts: 0, accounts: 6, survive: ['5234500.75', '48', '700547'] },
  { file: 'conturi_si_contacte_ro.xlsx', sheet: 'Persoane de contact', contacts: 9, accounts: 6, survive: ['Andrei', 'Munteanu', '1980-07-05', '40256555112'] },
  { file: 'dynamics365_accounts_import.xml', module: 'accounts', contacts: 7, accounts: 8, survive: ['北辰精密机械（苏州）有限公司', '刘洋', 'Smith & Söhne Feinkost OHG', 'José Ángel Ruiz', '780000.5', '85'] },
  { file: 'gbk_excel_contacts_zh.csv', contacts: 10, accounts: 5, survive: ['王喆', '李堃', 'LI.KUN@HUAXIN-TECH.EXAMPLE', '北京市海淀区中关村大街１号', '重要客户,年会邀请', '欧阳'], e164: ['+8613812345678'] },
  { file: 'messy_contacts.csv', contacts: 6, accounts: 4, survive: ['petra.novak@sumava-glass.example', 'p.novak@privat-mail.example', '=HYPERLINK(\\"http://evil.example/x\\",\\"Click me\\")'] },
];

const regions: Record<string, string> = { outlook_de_kontakte_excel_semikolon: 'DE', gbk_excel_contacts_zh: 'CN', google_contacts_export: 'RO', android_contacts_v21: 'RO' };

/** The records an import created, by module, as the API answers them. */
async function createdRecords(h: Harness, client: TestClient, importId: string) {
  const items = await h.database.db.selectFrom('import_items').select(['module', 'record_id']).where('import_id', '=', Number(importId)).where('action', '=', 'created').execute();
  const bodies: string[] = [];
  for (const it of items) bodies.push((await client.get(`/api/v1/${it.module}/${it.record_id}`)).body);
  return { contacts: items.filter((i) => i.module === 'contacts').length, accounts: items.filter((i) => i.module === 'accounts').length, text: bodies.join('\n'), ids: items };
}

for (const c of cases) {
  describe(`${c.file}${c.sheet ? ` (${c.sheet})` : ''}`, () => {
    const { h, admin } = useHarness();
    it(`imports as the README says: ${c.contacts} contacts, ${c.accounts} accounts, values intact`, async () => {
      const region = regions[c.file.replace(/\.[^.]+$/, '')];
      const imp = await runImport(admin, c.module ?? 'contacts', c.file, fixture(c.file), { options: { dedupe: { mode: 'skip', matchOn: ['email'] }, ...(region && { region }), ...(c.sheet && { sheet: c.sheet }) } });
      expect(imp.status, imp.error ?? '').toBe('done');
      const made = await createdRecords(h, admin, imp.id);
      expect({ contacts: made.contacts, accounts: made.accounts }).toEqual({ contacts: c.contacts, accounts: c.accounts });
      for (const value of c.survive) expect(made.text, value).toContain(value);
      if (c.e164) {
        const stored = await h.database.db.selectFrom('contact_points').select('e164').where('kind', '=', 'phones').execute();
        const numbers = new Set(stored.map((p) => p.e164));
        for (const n of c.e164) expect(numbers.has(n), n).toBe(true);
      }
    });
  });
}

describe('messy_contacts.csv problems', () => {
  const { admin } = useHarness();
  it('reports the unterminated quote on line 8 and the duplicate on line 9, and reads the rest', async () => {
    const imp = await runImport(admin, 'contacts', 'messy_contacts.csv', fixture('messy_contacts.csv'));
    const problems = await problemsOf(admin, imp.id);
    expect(problems.find((p) => p.line === 8)?.code).toBe('unterminated_quote');
    expect(problems.find((p) => p.line === 9)).toMatchObject({ outcome: 'skipped', code: 'duplicate' });
  });
});

describe('Zoho contacts after Zoho accounts', () => {
  const { h, admin } = useHarness();
  it('link to the accounts imported before them by source id and create none', async () => {
    const accounts = await runImport(admin, 'accounts', 'zoho_crm_accounts_export.csv', fixture('zoho_crm_accounts_export.csv'));
    expect(accounts.status).toBe('done');
    const contacts = await runImport(admin, 'contacts', 'zoho_crm_contacts_export.csv', fixture('zoho_crm_contacts_export.csv'));
    expect(contacts.status).toBe('done');
    expect(contacts.counts).toMatchObject({ created: 12, accountsCreated: 0, failed: 0 });
    const linked = (await createdRecords(h, admin, contacts.id)).text.match(/"accountId":"\d+"/g) ?? [];
    expect(new Set(linked).size).toBe(7);
    const again = await runImport(admin, 'contacts', 'zoho_crm_contacts_export.csv', fixture('zoho_crm_contacts_export.csv'));
    expect(again.counts).toMatchObject({ created: 0, skipped: 12 });
  });
});
