import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../apps/server/src/lib/prng.ts';

/**
 * A deterministic contacts CSV as Outlook (English) exports it, for the import benchmark (bench/import.ts).
 *
 * Every row is a pure function of (seed, row number), so the file streams to disk in flat memory and the benchmark can
 * recompute any row to check what the import stored. Beside the file, `FILE.json` holds what a correct import of it
 * must produce (contacts after in-file duplicates, distinct companies, ...).
 *
 * - Companies: rows / 4 of them, each with a name unique even ignoring case and spaces (German, English, Romanian with
 *   diacritics, Chinese), its own e-mail domain and a business address its contacts share.
 * - People: names of the company's locale; the contacts of one company have different last names, so e-mail, phone
 *   and name + company are each unique per original row (whatever the import matches duplicates on).
 * - Duplicates: ~1% of rows repeat an earlier row exactly, ~0.5% repeat one with both e-mails upper-cased.
 * - Every 50th row has a two-line quoted note with commas and quotes; tags are 0-3 of 30, `;`-joined (Categories).
 */

export const importHeaders = [
  'First Name', 'Last Name', 'Company', 'Job Title', 'E-mail Address', 'E-mail 2 Address', 'Business Phone', 'Mobile Phone',
  'Business Street', 'Business City', 'Business Postal Code', 'Business Country/Region', 'Categories', 'Notes',
] as const;

/** Bumped whenever the rows change, so a stale file beside a newer generator is not reused. */
export const generatorVersion = 1;

export interface ImportDataSpec {
  rows: number;
  seed: number;
}

/** What a correct import of the file stores (written beside it as FILE.json). */
export interface ImportDataSummary extends ImportDataSpec {
  generatorVersion: number;
  file: string;
  bytes: number;
  /** Companies that appear in the file: the accounts a correct import creates. */
  distinctCompanies: number;
  /** Rows identical to an earlier row; rows repeating one with upper-cased e-mails (the first such copy of each). */
  duplicatesExact: number;
  duplicatesUpperCase: number;
  /** Rows minus in-file duplicates: the contacts a correct import with dedupe creates. */
  expectedContacts: number;
  /** Contacts with at least one tag, and tag assignments over all of them. */
  taggedContacts: number;
  tagAssignments: number;
  notes: number;
}

const words = (s: string) => s.split(' ');
/** Han and pinyin in one token ("王:wang"), so e-mail addresses and domains stay ASCII. */
const hanPinyin = (s: string) => words(s).map((w) => { const [han = w, latin = w] = w.split(':'); return { text: han, latin }; });
const latinWords = (s: string) => words(s).map((w) => ({ text: w, latin: fold(w) }));

type Locale = 'de' | 'en' | 'ro' | 'zh';
interface Word { text: string; latin: string }
interface LocaleData {
  first: Word[];
  last: Word[];
  companyWords: Word[];
  kinds: string[];
  legal: string[];
  cities: string[];
  streets: string[];
  country: string;
  homeDomains: string[];
  tld: string;
}

const localeData: Record<Locale, LocaleData> = {
  de: {
    first: latinWords('Lukas Leon Finn Jonas Paul Felix Maximilian Elias Anna Lena Lea Hannah Sophie Marie Johanna Jürgen Uwe Katrin Sabine Björn Günther Jörg Ute Petra'),
    last: latinWords('Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Weiß Groß Köhler Jäger Böhm'),
    companyWords: latinWords('Nord Süd Alpen Rhein Donau Atlas Apex Blue Cedar Delta Summit Harbor Pioneer Horizon Orion Vertex Zenith Falcon Maple Quantum Nova Stellar Granite Silver Iron'),
    kinds: words('Maschinenbau Logistik Software Bau Handel Elektrotechnik Consulting'),
    legal: words('GmbH AG KG'),
    cities: ['Berlin', 'München', 'Hamburg', 'Köln', 'Düsseldorf', 'Nürnberg'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Schulstraße', 'Gartenstraße', 'Lindenallee', 'Am Mühlbach'],
    country: 'Germany',
    homeDomains: ['gmx.de', 'web.de', 't-online.de'],
    tld: 'de',
  },
  en: {
    first: latinWords('James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Emily Oliver Amelia Harry'),
    last: latinWords('Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell'),
    companyWords: latinWords('Atlas Apex Blue Cedar Delta Summit Harbor Pioneer Horizon Orion Vertex Zenith Falcon Maple Quantum Nova Stellar Granite Silver Iron Oak Bridge Crown Beacon River'),
    kinds: words('Systems Partners Holdings Industries Solutions Labs Group'),
    legal: words('Ltd Inc LLC'),
    cities: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Bristol', 'Edinburgh'],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', 'King’s Road'],
    country: 'United Kingdom',
    homeDomains: ['gmail.com', 'outlook.com', 'yahoo.co.uk'],
    tld: 'co.uk',
  },
  ro: {
    first: latinWords('Andrei Alexandru Ionuț Mihai Ștefan Cristian Gabriel Bogdan Ana Maria Elena Ioana Andreea Cristina Mihaela Alexandra Răzvan Irina Sorin Oana'),
    last: latinWords('Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Șerban Florea Moldovan Lungu Dinu Tănase Nistor Barbu Dobre Mocanu'),
    companyWords: latinWords('Carpați Dacia Transilvania Bucovina Dunărea Olt Mureș Siret Argeș Someș Crișana Banat Muntenia Oltenia Dobrogea Ceahlău Retezat Bucegi Făgăraș Apuseni'),
    kinds: words('Construct Impex Soft Trans Agro Consult Invest'),
    legal: words('SRL SA'),
    cities: ['București', 'Cluj-Napoca', 'Iași', 'Timișoara', 'Constanța', 'Brașov'],
    streets: ['Strada Mihai Eminescu', 'Bulevardul Unirii', 'Strada Ștefan cel Mare', 'Calea Victoriei', 'Strada Florilor', 'Strada Mărășești'],
    country: 'Romania',
    homeDomains: ['yahoo.ro', 'gmail.com'],
    tld: 'ro',
  },
  zh: {
    first: hanPinyin('伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao 秀英:xiuying 霞:xia 平:ping'),
    last: hanPinyin('王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo'),
    companyWords: hanPinyin('华:hua 远:yuan 宏:hong 达:da 鑫:xin 盛:sheng 泰:tai 恒:heng 瑞:rui 嘉:jia 信:xin 安:an 通:tong 联:lian 创:chuang 新:xin 中:zhong 海:hai 天:tian 金:jin'),
    kinds: words('科技 贸易 电子 物流 建设 软件 咨询'),
    legal: words('有限公司 集团有限公司'),
    cities: ['北京', '上海', '深圳', '杭州'],
    streets: ['中山路', '人民路', '解放路', '建国路', '长安街', '南京路'],
    country: 'China',
    homeDomains: ['qq.com', '163.com', '126.com'],
    tld: 'cn',
  },
};

const positions = words('CEO CFO CTO Buyer Engineer Consultant Assistant Director Manager Analyst Architect Accountant').concat(['Head of Sales', 'Purchasing Manager', 'Office Manager']);
const tagNames = [
  'VIP', 'Newsletter', 'Trade show 2025', 'Customer', 'Partner', 'Supplier', 'Prospect', 'Key account', 'Decision maker', 'Influencer',
  'Christmas card', 'Webinar', 'Hannover Messe', 'CeBIT', 'Referral', 'Reseller', 'Press', 'Investor', 'Former customer', 'Do not call',
  'Event 2026', 'Kunde', 'Interessent', 'Lieferant', 'Client', 'Furnizor', '客户', '合作伙伴', 'Q3 campaign', 'Beta tester',
];
const noteEvents = ['the trade fair in Hannover', 'our webinar', 'a customer visit', 'the partner day', '展会'];

/** The generator `kontor seed --scale` uses (mulberry32). */
const prng = mulberry32;

/** A seed per (file seed, index, stream): every row and company draws from its own sequence. */
const mix = (seed: number, index: number, stream: number) => Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(stream, 0x27d4eb2f);

export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase().replace(/[^a-z0-9]/g, '');
}

// 20 company slots per cycle: 7 German, 6 English, 4 Romanian, 3 Chinese (35/30/20/15%, as the seeded data set).
const localeCycle: Locale[] = ['de', 'en', 'de', 'ro', 'en', 'de', 'zh', 'en', 'de', 'ro', 'en', 'de', 'zh', 'en', 'ro', 'de', 'en', 'de', 'ro', 'zh'];
const perCycle = Object.fromEntries((['de', 'en', 'ro', 'zh'] as const).map((l) => [l, localeCycle.filter((x) => x === l).length])) as Record<Locale, number>;
/** Of the companies of its locale in a cycle, which one slot i is. */
const rankInCycle = localeCycle.map((l, i) => localeCycle.slice(0, i).filter((x) => x === l).length);

interface Company { locale: Locale; name: string; domain: string; street: string; city: string; postalCode: string; country: string; lastOffset: number }

/** Mixed-radix digits of k over the list sizes; what is left above them is the overflow (a branch number). */
function digitsOf(k: number, sizes: number[]): { digits: number[]; overflow: number } {
  const digits: number[] = [];
  let rest = k;
  for (const size of sizes) {
    digits.push(rest % size);
    rest = Math.floor(rest / size);
  }
  return { digits, overflow: rest };
}

/** Company c: its name is a bijection of c (distinct even ignoring case, spaces and accents), its address drawn. */
export function companyAt(c: number, seed: number): Company {
  const locale = localeCycle[c % localeCycle.length] as Locale;
  const d = localeData[locale];
  const k = Math.floor(c / localeCycle.length) * perCycle[locale] + (rankInCycle[c % localeCycle.length] ?? 0);
  const { digits, overflow } = digitsOf(k, [d.last.length, d.companyWords.length, d.kinds.length, d.legal.length]);
  const [s = 0, w = 0, kind = 0, legal = 0] = digits;
  const surname = d.last[s] as Word;
  const word = d.companyWords[w] as Word;
  const kindText = d.kinds[kind] as string;
  const legalText = d.legal[legal] as string;
  const branch = overflow > 0 ? overflow + 1 : 0;
  const r = prng(mix(seed, c, 1));
  const city = r.pick(d.cities);
  let name: string;
  let postalCode: string;
  let street: string;
  if (locale === 'zh') {
    name = `${surname.text}${word.text}${kindText}${legalText}${branch ? `第${branch}分公司` : ''}`;
    postalCode = String(100000 + r.int(900000));
    street = `${r.pick(d.streets)}${1 + r.int(300)}号`;
  } else {
    const core = locale === 'en' ? `${word.text} ${surname.text} ${kindText}` : `${surname.text} ${word.text} ${kindText}`;
    name = `${core}${branch ? ` ${branch}` : ''} ${legalText}`;
    street = locale === 'ro' ? `${r.pick(d.streets)} nr. ${1 + r.int(200)}` : locale === 'en' ? `${1 + r.int(200)} ${r.pick(d.streets)}` : `${r.pick(d.streets)} ${1 + r.int(200)}`;
    postalCode = locale === 'de' ? String(10000 + r.int(89999)) : locale === 'ro' ? String(100000 + r.int(800000)) : `${r.pick(['EC1A', 'SW1A', 'W1T', 'N1', 'E14', 'M1', 'B1', 'LS1'])} ${1 + r.int(9)}${String.fromCharCode(65 + r.int(26), 65 + r.int(26))}`;
  }
  // The word's index too: several Han words share a pinyin (鑫, 信, 新: xin).
  const domain = `${surname.latin}-${word.latin}${w}-${kind}${legal}${branch ? `-${branch}` : ''}.${d.tld}`;
  return { locale, name, domain, street, city, postalCode, country: d.country, lastOffset: r.int(d.last.length) };
}

export const companyCount = (rows: number) => Math.max(1, Math.floor(rows / 4));

/** An affine permutation of 0..n-1 (the step coprime to n), so consecutive rows belong to scattered companies. */
const steps = new Map<number, number>();
function permute(i: number, n: number): number {
  let step = steps.get(n);
  if (step === undefined) {
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    step = Math.floor(n * 0.618) | 1;
    while (n > 1 && gcd(step, n) !== 1) step++;
    steps.set(n, step);
  }
  return (i * step + 17) % n;
}

export type RowKind = 'original' | 'exact' | 'upper';
/** Where a row comes from: itself, or an earlier row it repeats (exactly, or with upper-cased e-mails). */
export function rowKind(i: number, seed: number): { kind: RowKind; of: number } {
  if (i < 10) return { kind: 'original', of: i };
  const r = prng(mix(seed, i, 2));
  const x = r.next();
  if (x < 0.01) return { kind: 'exact', of: r.int(i) };
  if (x < 0.015) return { kind: 'upper', of: r.int(i) };
  return { kind: 'original', of: i };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Row i of an original: the fields in `importHeaders` order, plus the company index (for the summary). */
export function originalRow(i: number, spec: ImportDataSpec): { fields: string[]; company: number; tags: number } {
  const companies = companyCount(spec.rows);
  const c = permute(i % companies, companies);
  const slot = Math.floor(i / companies); // 0..4: the contacts of one company get different last names
  const company = companyAt(c, spec.seed);
  const d = localeData[company.locale];
  const r = prng(mix(spec.seed, i, 3));
  const first = r.pick(d.first);
  const last = d.last[(company.lastOffset + slot) % d.last.length] as Word;
  // Phones: affine permutations of the row number (unique for up to 10M rows), in each country's usual shape.
  const p = pad((i * 7654321 + 1234567) % 10_000_000, 7);
  const m = pad((i * 3141593 + 7654321) % 10_000_000, 7);
  const phones: Record<Locale, [string, string]> = {
    de: [`+49 30 2${p}`, `+49 151 2${m}`],
    en: [`+44 20 7${p.slice(0, 3)} ${p.slice(3)}`, `+44 740${m.slice(0, 1)} ${m.slice(1)}`],
    ro: [`+40 21 ${p.slice(0, 3)} ${p.slice(3)}`, `+40 72${m.slice(0, 1)} ${m.slice(1, 4)} ${m.slice(4)}`],
    zh: [`+86 10 6${p.slice(0, 3)} ${p.slice(3)}`, `+86 138 0${m.slice(0, 3)} ${m.slice(3)}`],
  };
  const [business, mobile] = phones[company.locale];
  const tagCount = r.int(4);
  const tags: string[] = [];
  while (tags.length < tagCount) {
    const t = r.pick(tagNames);
    if (!tags.includes(t)) tags.push(t);
  }
  const note =
    i % 50 === 49
      ? `Met ${first.text} at ${r.pick(noteEvents)}, "very interested" in the ${r.pick(['maintenance', 'licence', 'pilot'])} offer, asked about price, delivery.\nCall back in Q${1 + r.int(4)}; re: "discount, 5%"`
      : '';
  const fields = [
    first.text, last.text, company.name, r.pick(positions),
    `${first.latin}.${last.latin}@${company.domain}`, `${first.latin}.${last.latin}${i}@${r.pick(d.homeDomains)}`,
    business, mobile, company.street, company.city, company.postalCode, company.country, tags.join(';'), note,
  ];
  return { fields, company: c, tags: tags.length };
}

/** The original row that row i repeats (itself for an original), and whether its e-mails are upper-cased. */
export function resolveRow(i: number, seed: number): { original: number; upper: boolean } {
  let at = i;
  let upper = false;
  for (;;) {
    const k = rowKind(at, seed);
    if (k.kind === 'original') return { original: at, upper };
    upper ||= k.kind === 'upper';
    at = k.of;
  }
}

/** Row i as written: an original, or the earlier row it repeats. */
export function rowAt(i: number, spec: ImportDataSpec): string[] {
  const { original, upper } = resolveRow(i, spec.seed);
  const fields = originalRow(original, spec).fields;
  if (upper) for (const e of [4, 5]) fields[e] = (fields[e] ?? '').toUpperCase();
  return fields;
}

const csvCell = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export const csvLine = (fields: readonly string[]) => `${fields.map(csvCell).join(',')}\r\n`;

/** Writes the file (CRLF, UTF-8 without BOM unless asked) in chunks, waiting for the disk: flat memory at any size. */
export async function writeImportData(file: string, spec: ImportDataSpec, opts: { bom?: boolean; log?: (l: string) => void } = {}): Promise<ImportDataSummary> {
  if (!Number.isInteger(spec.rows) || spec.rows < 1 || spec.rows > 10_000_000) throw new Error('rows: a whole number from 1 to 10,000,000');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file, { fd: fs.openSync(file, 'w') }); // opened here: a bad path throws at once
  // events.once rejects when the stream fails while we wait, and leaves no listener behind.
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const used = new Uint8Array(companyCount(spec.rows));
  // Originals already repeated with upper-cased e-mails: a second such copy is identical to the first (an exact duplicate).
  const upperCopied = new Uint8Array(spec.rows);
  const summary: ImportDataSummary = {
    ...spec, generatorVersion, file: path.resolve(file), bytes: 0, distinctCompanies: 0, duplicatesExact: 0, duplicatesUpperCase: 0,
    expectedContacts: 0, taggedContacts: 0, tagAssignments: 0, notes: 0,
  };
  const started = performance.now();
  let chunk = `${opts.bom ? '\uFEFF' : ''}${csvLine(importHeaders)}`;
  for (let i = 0; i < spec.rows; i++) {
    const kind = rowKind(i, spec.seed).kind;
    if (kind === 'original') {
      const row = originalRow(i, spec);
      used[row.company] = 1;
      summary.expectedContacts++;
      summary.tagAssignments += row.tags;
      if (row.tags) summary.taggedContacts++;
      if (row.fields[13]) summary.notes++;
      chunk += csvLine(row.fields);
    } else {
      const { original, upper } = resolveRow(i, spec.seed);
      if (upper && !upperCopied[original]) {
        upperCopied[original] = 1;
        summary.duplicatesUpperCase++;
      } else summary.duplicatesExact++;
      chunk += csvLine(rowAt(i, spec));
    }
    if (chunk.length > 1 << 20) {
      summary.bytes += Buffer.byteLength(chunk);
      await write(chunk);
      chunk = '';
    }
    if (opts.log && i > 0 && i % 200_000 === 0) opts.log(`import data: ${i.toLocaleString('en')} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  summary.bytes += Buffer.byteLength(chunk);
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  summary.distinctCompanies = used.reduce((a, b) => a + b, 0);
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** The summary beside a generated file, when it describes this file as this generator would write it now. */
export function readSummary(file: string, spec?: ImportDataSpec): ImportDataSummary | null {
  try {
    const s = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as ImportDataSummary;
    if (s.generatorVersion !== generatorVersion || fs.statSync(file).size !== s.bytes) return null;
    if (spec && (s.rows !== spec.rows || s.seed !== spec.seed)) return null;
    return s;
  } catch {
    return null;
  }
}

const usage = `node --import tsx bench/import-data.ts [--rows N] [--out FILE] [--seed S] [--bom]

Writes a deterministic contacts CSV in Outlook's English layout (default 1,000,000 rows to
${path.join(os.tmpdir(), 'kontor-import-<rows>.csv')}) and FILE.json with what a correct import of it stores.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, out: { type: 'string' }, seed: { type: 'string', default: '15' }, bom: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(usage);
  const spec = { rows: Number(values.rows), seed: Number(values.seed) };
  const file = values.out ?? path.join(os.tmpdir(), `kontor-import-${spec.rows}.csv`);
  const t = performance.now();
  const s = await writeImportData(file, spec, { bom: values.bom, log: console.log });
  console.log(`${s.file}: ${s.rows.toLocaleString('en')} rows, ${(s.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(`expect ${s.expectedContacts.toLocaleString('en')} contacts (${s.duplicatesExact} exact and ${s.duplicatesUpperCase} upper-cased duplicates), ${s.distinctCompanies.toLocaleString('en')} accounts`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
