/** Who the demo contacts are: names, job titles, mail providers, notes, birthdays, salutations and lead sources. */
import type { leadSources, salutations } from '@kontor/contract/picklists';
import type { CountryCode, Lang } from './countries.ts';
import type { Rng } from './random.ts';
import { pad } from './text.ts';

export type Salutation = (typeof salutations)[number];
export type LeadSource = (typeof leadSources)[number];

type Surname = string | readonly [male: string, female: string];
interface NameBank {
  male: readonly string[];
  female: readonly string[];
  last: readonly Surname[];
}

export const names: Record<Lang, NameBank> = {
  de: {
    male: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Jürgen', 'Matthias', 'Jörg', 'Lukas', 'Felix', 'Maximilian', 'Jonas', 'Tobias', 'Florian', 'Sebastian', 'Uwe', 'Klaus', 'Björn', 'Dirk'],
    female: ['Sabine', 'Anna', 'Julia', 'Katrin', 'Claudia', 'Petra', 'Andrea', 'Lena', 'Laura', 'Sophie', 'Jana', 'Birgit', 'Ute', 'Mareike', 'Franziska', 'Jülide', 'Anke', 'Sünje'],
    last: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch',
      'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann',
      'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier', 'Lehmann', 'Köhler', 'Jäger', 'Weiß', 'Groß', 'Vogel', 'Yılmaz',
    ],
  },
  en: {
    male: ['James', 'Oliver', 'Harry', 'George', 'William', 'Daniel', 'Matthew', 'Christopher', 'Robert', 'Michael', 'David', 'Thomas', 'Ryan', 'Samuel'],
    female: ['Emily', 'Olivia', 'Charlotte', 'Sophie', 'Hannah', 'Jessica', 'Sarah', 'Emma', 'Grace', 'Amelia', 'Rachel', 'Lucy', 'Megan', 'Priya'],
    last: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker',
      'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'O’Connor', 'Miller', 'Davis', 'Garcia', 'Martinez', 'Patel', 'Khan',
    ],
  },
  ro: {
    male: ['Andrei', 'Alexandru', 'Mihai', 'Ionuț', 'Ștefan', 'Cristian', 'Bogdan', 'Răzvan', 'Florin', 'Gheorghe', 'Vlad', 'Tudor', 'Costel', 'Sorin'],
    female: ['Ioana', 'Maria', 'Elena', 'Andreea', 'Ana-Maria', 'Cătălina', 'Mădălina', 'Ștefania', 'Roxana', 'Alina', 'Irina', 'Bianca', 'Oana', 'Simona'],
    last: [
      'Popescu', 'Ionescu', 'Popa', 'Dumitrescu', 'Stan', 'Stoica', 'Gheorghiu', 'Rădulescu', 'Munteanu', 'Constantinescu', 'Dumitru',
      'Țurcanu', 'Mureșan', 'Lăzărescu', 'Bălan', 'Stănescu', 'Vâlcu', 'Cârstea', 'Sârbu', 'Pîrvu', 'Câmpeanu', 'Ardeleanu', 'Marinescu',
      'Niță', 'Tănase', 'Șerban', 'Moldovan',
    ],
  },
  zh: {
    male: ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '浩', '鹏', '志强', '建华', '晓明', '俊杰', '文博', '宇轩'],
    female: ['芳', '娜', '敏', '静', '丽', '艳', '娟', '婷', '雪', '丹', '秀英', '海燕', '晓红', '欣怡', '佳琪', '梦瑶'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁'],
  },
  fr: {
    male: ['Jean', 'Pierre', 'Nicolas', 'François', 'Julien', 'Mathieu', 'Stéphane', 'Laurent', 'Antoine', 'Jérôme'],
    female: ['Marie', 'Camille', 'Céline', 'Élodie', 'Sophie', 'Aurélie', 'Hélène', 'Chloé', 'Isabelle', 'Margaux'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Girard', 'Rousseau', 'Faure', 'Mercier', 'Lemaître'],
  },
  pl: {
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Łukasz', 'Marcin', 'Jakub', 'Grzegorz', 'Wojciech'],
    female: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Magdalena', 'Joanna', 'Ewa', 'Zofia', 'Aleksandra', 'Dorota'],
    last: [
      ['Kowalski', 'Kowalska'], 'Nowak', ['Wiśniewski', 'Wiśniewska'], 'Wójcik', 'Kowalczyk', ['Kamiński', 'Kamińska'],
      ['Lewandowski', 'Lewandowska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], 'Woźniak', ['Dąbrowski', 'Dąbrowska'],
      ['Kozłowski', 'Kozłowska'], 'Mazur', 'Krawczyk', ['Jabłoński', 'Jabłońska'],
    ],
  },
};

export const zhPinyin: Record<string, string> = {
  王: 'wang', 李: 'li', 张: 'zhang', 刘: 'liu', 陈: 'chen', 杨: 'yang', 黄: 'huang', 赵: 'zhao', 吴: 'wu', 周: 'zhou', 徐: 'xu',
  孙: 'sun', 马: 'ma', 朱: 'zhu', 胡: 'hu', 郭: 'guo', 何: 'he', 林: 'lin', 高: 'gao', 罗: 'luo', 郑: 'zheng', 梁: 'liang',
  伟: 'wei', 强: 'qiang', 磊: 'lei', 军: 'jun', 洋: 'yang', 勇: 'yong', 杰: 'jie', 涛: 'tao', 明: 'ming', 超: 'chao', 浩: 'hao',
  鹏: 'peng', 志强: 'zhiqiang', 建华: 'jianhua', 晓明: 'xiaoming', 俊杰: 'junjie', 文博: 'wenbo', 宇轩: 'yuxuan', 芳: 'fang',
  娜: 'na', 敏: 'min', 静: 'jing', 丽: 'li', 艳: 'yan', 娟: 'juan', 婷: 'ting', 雪: 'xue', 丹: 'dan', 秀英: 'xiuying',
  海燕: 'haiyan', 晓红: 'xiaohong', 欣怡: 'xinyi', 佳琪: 'jiaqi', 梦瑶: 'mengyao',
};

/** [male title, female title, department, senior] */
export type Position = readonly [string, string, string, boolean];
export const positions: Record<Lang, readonly Position[]> = {
  de: [
    ['Geschäftsführer', 'Geschäftsführerin', 'Geschäftsleitung', true],
    ['Leiter Einkauf', 'Leiterin Einkauf', 'Einkauf', true],
    ['Strategischer Einkäufer', 'Strategische Einkäuferin', 'Einkauf', false],
    ['Vertriebsleiter', 'Vertriebsleiterin', 'Vertrieb', true],
    ['Key Account Manager', 'Key Account Managerin', 'Vertrieb', false],
    ['Technischer Leiter', 'Technische Leiterin', 'Technik', true],
    ['Entwicklungsingenieur', 'Entwicklungsingenieurin', 'Forschung & Entwicklung', false],
    ['IT-Leiter', 'IT-Leiterin', 'IT', true],
    ['Leiter Finanzen', 'Leiterin Finanzen', 'Finanzen', true],
    ['Projektmanager', 'Projektmanagerin', 'Projektmanagement', false],
    ['Assistent der Geschäftsführung', 'Assistentin der Geschäftsführung', 'Geschäftsleitung', false],
    ['Leiter Qualitätssicherung', 'Leiterin Qualitätssicherung', 'Qualität', false],
    ['Personalreferent', 'Personalreferentin', 'Personal', false],
    ['Logistikleiter', 'Logistikleiterin', 'Logistik', false],
  ],
  en: [
    ['Managing Director', 'Managing Director', 'Management', true],
    ['Chief Executive Officer', 'Chief Executive Officer', 'Management', true],
    ['Head of Procurement', 'Head of Procurement', 'Procurement', true],
    ['Purchasing Manager', 'Purchasing Manager', 'Procurement', false],
    ['Sales Director', 'Sales Director', 'Sales', true],
    ['Account Manager', 'Account Manager', 'Sales', false],
    ['Chief Technology Officer', 'Chief Technology Officer', 'Engineering', true],
    ['IT Manager', 'IT Manager', 'IT', false],
    ['Finance Director', 'Finance Director', 'Finance', true],
    ['Operations Manager', 'Operations Manager', 'Operations', false],
    ['Project Manager', 'Project Manager', 'Projects', false],
    ['Office Manager', 'Office Manager', 'Administration', false],
    ['HR Business Partner', 'HR Business Partner', 'Human Resources', false],
    ['Marketing Manager', 'Marketing Manager', 'Marketing', false],
  ],
  ro: [
    ['Director General', 'Director General', 'Conducere', true],
    ['Director Achiziții', 'Directoare Achiziții', 'Achiziții', true],
    ['Specialist Achiziții', 'Specialistă Achiziții', 'Achiziții', false],
    ['Manager Vânzări', 'Manager Vânzări', 'Vânzări', true],
    ['Director Tehnic', 'Director Tehnic', 'Tehnic', true],
    ['Inginer Proiectant', 'Ingineră Proiectantă', 'Tehnic', false],
    ['Manager IT', 'Manager IT', 'IT', false],
    ['Director Economic', 'Director Economic', 'Financiar', true],
    ['Contabil Șef', 'Contabil Șef', 'Financiar', false],
    ['Manager de Proiect', 'Manager de Proiect', 'Proiecte', false],
    ['Asistent Manager', 'Asistentă Manager', 'Administrativ', false],
    ['Director Resurse Umane', 'Director Resurse Umane', 'Resurse Umane', false],
    ['Șef Logistică', 'Șefă Logistică', 'Logistică', false],
  ],
  zh: [
    ['总经理', '总经理', '管理层', true],
    ['副总经理', '副总经理', '管理层', true],
    ['采购经理', '采购经理', '采购部', true],
    ['采购专员', '采购专员', '采购部', false],
    ['销售总监', '销售总监', '销售部', true],
    ['客户经理', '客户经理', '销售部', false],
    ['技术总监', '技术总监', '技术部', true],
    ['研发工程师', '研发工程师', '研发中心', false],
    ['IT经理', 'IT经理', '信息技术部', false],
    ['财务经理', '财务经理', '财务部', true],
    ['项目经理', '项目经理', '项目部', false],
    ['行政助理', '行政助理', '行政部', false],
    ['人力资源经理', '人力资源经理', '人力资源部', false],
    ['质量经理', '质量经理', '质量部', false],
  ],
  fr: [
    ['Directeur général', 'Directrice générale', 'Direction', true],
    ['Responsable achats', 'Responsable achats', 'Achats', true],
    ['Acheteur', 'Acheteuse', 'Achats', false],
    ['Directeur commercial', 'Directrice commerciale', 'Ventes', true],
    ['Responsable informatique', 'Responsable informatique', 'Informatique', false],
    ['Directeur financier', 'Directrice financière', 'Finance', true],
    ['Chef de projet', 'Cheffe de projet', 'Projets', false],
    ['Ingénieur méthodes', 'Ingénieure méthodes', 'Production', false],
  ],
  pl: [
    ['Prezes Zarządu', 'Prezes Zarządu', 'Zarząd', true],
    ['Kierownik ds. zakupów', 'Kierowniczka ds. zakupów', 'Zakupy', true],
    ['Specjalista ds. zakupów', 'Specjalistka ds. zakupów', 'Zakupy', false],
    ['Dyrektor sprzedaży', 'Dyrektorka sprzedaży', 'Sprzedaż', true],
    ['Kierownik IT', 'Kierowniczka IT', 'IT', false],
    ['Główny księgowy', 'Główna księgowa', 'Finanse', true],
    ['Kierownik projektu', 'Kierowniczka projektu', 'Projekty', false],
    ['Inżynier produkcji', 'Inżynier produkcji', 'Produkcja', false],
  ],
};

export const personalMail: Record<CountryCode, readonly string[]> = {
  DE: ['gmx.de', 'web.de', 't-online.de', 'gmail.com', 'posteo.de'],
  GB: ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'btinternet.com'],
  US: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'],
  RO: ['gmail.com', 'yahoo.com', 'yahoo.ro'],
  CN: ['qq.com', '163.com', '126.com'],
  FR: ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net'],
  PL: ['wp.pl', 'onet.pl', 'o2.pl', 'gmail.com'],
};

export const contactNotes: Record<Lang, readonly string[]> = {
  de: ['Bevorzugt Kontakt per E-Mail.', 'Spricht auch Englisch und Französisch.', 'Entscheidet über Budgets bis 50.000 €.', 'Kennen uns von der Hannover Messe.', 'Montags schwer erreichbar, lieber ab Dienstag anrufen.'],
  en: ['Prefers e-mail over phone calls.', 'Signs off budgets up to £50k.', 'Works from the regional office three days a week.', 'Met at Hannover Messe; keen on a demo.', 'Please copy the assistant on all quotes.'],
  ro: ['Preferă comunicarea pe e-mail.', 'Vorbește germană și engleză.', 'Decide pentru bugete de până la 50.000 €.', 'Ne-am cunoscut la târgul TIB din București.', 'Răspunde mai repede pe WhatsApp.'],
  zh: ['偏好邮件沟通。', '会说英语和德语。', '负责五十万元以下的采购决策。', '在广交会上认识。', '请在报价时抄送其助理。'],
  fr: ['Préfère être contacté par e-mail.', 'Parle allemand et anglais.', 'Rencontré au salon Global Industrie.', 'Décide des budgets jusqu’à 50 000 €.'],
  pl: ['Preferuje kontakt mailowy.', 'Mówi po niemiecku i angielsku.', 'Poznaliśmy się na targach w Poznaniu.', 'Decyduje o budżetach do 200 000 zł.'],
};

export function birthday(r: Rng): string | null {
  if (!r.chance(0.55)) return null;
  const month = r.int(1, 12);
  const day = r.int(1, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 28);
  if (r.chance(0.35)) return `--${pad(month, 2)}-${pad(day, 2)}`;
  const year = r.int(1958, 2001);
  const d = day === 29 && month === 2 && year % 4 !== 0 ? 28 : day;
  return `${year}-${pad(month, 2)}-${pad(d, 2)}`;
}

export function salutation(r: Rng, female: boolean): Salutation | null {
  if (r.chance(0.1)) return null;
  return female ? r.weighted<Salutation>([['ms', 76], ['mrs', 10], ['dr', 11], ['prof', 3]]) : r.weighted<Salutation>([['mr', 86], ['dr', 11], ['prof', 3]]);
}

export const leadSourceWeights: ReadonlyArray<readonly [LeadSource | null, number]> = [
  ['trade_show', 15], ['web_form', 15], ['cold_call', 10], ['employee_referral', 8], ['external_referral', 10], ['partner', 10],
  ['seminar', 6], ['advertisement', 5], ['web_research', 8], ['social_media', 6], ['public_relations', 3], ['chat', 2], ['other', 2], [null, 15],
];
