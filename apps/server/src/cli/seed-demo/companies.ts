/** What the demo companies are called and what they do: sectors, name stems, legal forms, and the mix of account types. */
import type { accountTypes, industries, ownerships, ratings } from '@kontor/contract/picklists';
import type { CountryCode, Lang } from './countries.ts';

export type Industry = (typeof industries)[number];
export type AccountType = (typeof accountTypes)[number];
export type Ownership = (typeof ownerships)[number];
export type Rating = (typeof ratings)[number];

export interface Sector {
  industry: Industry;
  /** The word in the company name. */
  word: string;
  /** What they do, as a phrase for the description. */
  what: string;
  /** ASCII short form for the domain. */
  slug: string;
}

const s = (industry: Industry, word: string, what: string, slug: string): Sector => ({ industry, word, what, slug });

export const sectors: Record<Lang, readonly Sector[]> = {
  de: [
    s('machinery', 'Präzisionstechnik', 'Präzisionsteile und Baugruppen', 'praezision'),
    s('machinery', 'Maschinenbau', 'Sondermaschinen für die Serienfertigung', 'maschinenbau'),
    s('engineering', 'Antriebstechnik', 'Antriebe und Getriebe', 'antriebe'),
    s('logistics', 'Logistik', 'Kontraktlogistik und Lagerhaltung', 'logistik'),
    s('transportation', 'Spedition', 'nationale und internationale Transporte', 'spedition'),
    s('software', 'Software', 'Unternehmenssoftware für den Mittelstand', 'software'),
    s('technology', 'IT-Systeme', 'IT-Infrastruktur und Managed Services', 'it'),
    s('chemicals', 'Chemie', 'Spezialchemikalien und Beschichtungen', 'chemie'),
    s('food_beverage', 'Feinkost', 'Feinkost und Convenience-Produkte', 'feinkost'),
    s('construction', 'Bau', 'Gewerbe- und Industriebau', 'bau'),
    s('energy', 'Energietechnik', 'Energietechnik und Netzanschlüsse', 'energie'),
    s('energy', 'Solartechnik', 'Photovoltaikanlagen für Gewerbekunden', 'solar'),
    s('consulting', 'Unternehmensberatung', 'Strategie- und Prozessberatung', 'beratung'),
    s('automotive', 'Fahrzeugteile', 'Komponenten für die Automobilindustrie', 'fahrzeugteile'),
    s('healthcare', 'Medizintechnik', 'Medizinprodukte und Diagnostik', 'medizintechnik'),
    s('electronics', 'Elektronik', 'Leiterplattenbestückung und Elektronikfertigung', 'elektronik'),
    s('real_estate', 'Immobilien', 'Gewerbeimmobilien', 'immobilien'),
    s('insurance', 'Versicherungsmakler', 'Versicherungen für Industriekunden', 'versicherung'),
    s('apparel', 'Textil', 'technische Textilien', 'textil'),
    s('manufacturing', 'Verpackungen', 'Verpackungslösungen aus Karton und Folie', 'verpackung'),
    s('manufacturing', 'Kunststofftechnik', 'Kunststoffspritzguss', 'kunststoff'),
    s('media', 'Druck & Medien', 'Druck- und Mediendienstleistungen', 'druck'),
    s('agriculture', 'Agrartechnik', 'Landtechnik und Agrarhandel', 'agrar'),
  ],
  en: [
    s('logistics', 'Logistics', 'contract logistics and warehousing', 'logistics'),
    s('software', 'Software', 'business software for mid-sized companies', 'software'),
    s('technology', 'Analytics', 'data analytics and reporting', 'analytics'),
    s('technology', 'Systems', 'IT infrastructure and managed services', 'systems'),
    s('engineering', 'Engineering', 'mechanical and electrical engineering services', 'engineering'),
    s('food_beverage', 'Foods', 'fine foods and ready meals', 'foods'),
    s('biotechnology', 'Biosciences', 'contract research for the life sciences', 'bio'),
    s('consulting', 'Consulting', 'management and process consulting', 'consulting'),
    s('construction', 'Construction', 'commercial construction', 'construction'),
    s('energy', 'Energy', 'renewable energy projects', 'energy'),
    s('retail', 'Retail', 'wholesale and retail distribution', 'retail'),
    s('insurance', 'Insurance', 'commercial insurance', 'insurance'),
    s('finance', 'Capital', 'corporate finance and equipment leasing', 'capital'),
    s('media', 'Media', 'digital media and publishing', 'media'),
    s('telecommunications', 'Telecom', 'business telecom services', 'telecom'),
    s('electronics', 'Components', 'electronic components', 'components'),
    s('healthcare', 'Healthcare', 'medical devices', 'health'),
    s('machinery', 'Robotics', 'industrial robotics', 'robotics'),
    s('apparel', 'Textiles', 'technical textiles', 'textiles'),
    s('real_estate', 'Properties', 'commercial property', 'properties'),
    s('hospitality', 'Hotels', 'business hotels and conference venues', 'hotels'),
  ],
  ro: [
    s('construction', 'Construcții', 'construcții industriale și civile', 'constructii'),
    s('logistics', 'Logistică', 'servicii de logistică și depozitare', 'logistica'),
    s('transportation', 'Transport', 'transport rutier de mărfuri', 'transport'),
    s('software', 'Soft', 'dezvoltare software la comandă', 'soft'),
    s('technology', 'Tehnologii', 'servicii IT și infrastructură', 'tech'),
    s('energy', 'Energie', 'producție și distribuție de energie', 'energie'),
    s('agriculture', 'Agro', 'agricultură și comerț cu cereale', 'agro'),
    s('food_beverage', 'Panificație', 'produse de panificație și patiserie', 'panificatie'),
    s('manufacturing', 'Mobilă', 'mobilier din lemn masiv', 'mobila'),
    s('manufacturing', 'Tâmplărie', 'tâmplărie PVC și aluminiu', 'tamplarie'),
    s('consulting', 'Consultanță', 'consultanță în afaceri și fonduri europene', 'consultanta'),
    s('healthcare', 'Farm', 'produse farmaceutice și dispozitive medicale', 'farm'),
    s('apparel', 'Textile', 'confecții textile', 'textile'),
    s('automotive', 'Piese Auto', 'piese și componente auto', 'auto'),
    s('electronics', 'Instalații Electrice', 'instalații electrice și automatizări', 'electrice'),
    s('real_estate', 'Imobiliare', 'dezvoltare imobiliară', 'imobiliare'),
    s('machinery', 'Utilaje', 'utilaje industriale', 'utilaje'),
  ],
  zh: [
    s('machinery', '精密机械', '精密机械零部件的研发与制造', 'jixie'),
    s('software', '软件', '企业管理软件开发', 'soft'),
    s('technology', '科技', '云计算与数据服务', 'tech'),
    s('technology', '信息技术', '信息系统集成', 'it'),
    s('logistics', '物流', '仓储与供应链服务', 'wuliu'),
    s('electronics', '电子', '电子元器件制造', 'dianzi'),
    s('food_beverage', '食品', '食品加工与销售', 'food'),
    s('chemicals', '化工', '精细化工产品', 'huagong'),
    s('energy', '新能源', '光伏与储能系统', 'energy'),
    s('healthcare', '医疗器械', '医疗器械的研发与销售', 'medical'),
    s('apparel', '纺织', '纺织品与服装面料', 'textile'),
    s('construction', '建设工程', '工业与民用建筑工程', 'jianshe'),
    s('automotive', '汽车零部件', '汽车零部件制造', 'auto'),
    s('retail', '贸易', '进出口贸易', 'trade'),
  ],
  fr: [
    s('manufacturing', 'Industrie', 'la sous-traitance industrielle', 'industrie'),
    s('logistics', 'Logistique', 'la logistique contractuelle', 'logistique'),
    s('software', 'Informatique', 'les logiciels de gestion', 'informatique'),
    s('consulting', 'Conseil', 'le conseil en organisation', 'conseil'),
    s('energy', 'Énergie', 'les énergies renouvelables', 'energie'),
    s('food_beverage', 'Agroalimentaire', 'les produits agroalimentaires', 'agro'),
    s('construction', 'Bâtiment', 'le bâtiment et les travaux publics', 'batiment'),
    s('electronics', 'Électronique', 'l’électronique embarquée', 'electronique'),
    s('technology', 'Numérique', 'la transformation numérique', 'numerique'),
  ],
  pl: [
    s('logistics', 'Logistyka', 'usługi logistyczne i magazynowe', 'logistyka'),
    s('construction', 'Budownictwo', 'budownictwo przemysłowe', 'budownictwo'),
    s('electronics', 'Elektronika', 'montaż elektroniki', 'elektronika'),
    s('technology', 'Systemy IT', 'wdrożenia systemów IT', 'it'),
    s('energy', 'Energia', 'odnawialne źródła energii', 'energia'),
    s('manufacturing', 'Meble', 'produkcja mebli', 'meble'),
    s('transportation', 'Transport', 'transport drogowy', 'transport'),
    s('machinery', 'Maszyny', 'maszyny dla przemysłu', 'maszyny'),
  ],
};

/** Company name stems; Chinese brands carry their pinyin for the domain. */
export const stems: Record<Lang, readonly string[]> = {
  de: [
    'Schneider', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann',
    'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Krause', 'Lehmann', 'Köhler', 'Kühn', 'Brandt', 'Vogt', 'Seidel', 'Winkler',
    'Nordlicht', 'Alpenblick', 'Rheintal', 'Elbwerk', 'Isartal', 'Spreewald', 'Sonnenfeld', 'Lindenhof', 'Weißdorn', 'Bergquell',
    'Hochrhein', 'Ostseewerk', 'Schwarzwald', 'Mainfranken', 'Allgäu', 'Taunus',
  ],
  en: [
    'Harrington', 'Ashford', 'Kingsley', 'Whitmore', 'Redfern', 'Hawthorne', 'Fairbanks', 'Sterling', 'Pemberton', 'Thornbury',
    'Carrington', 'Brookfield', 'Oakridge', 'Silverline', 'Northgate', 'Westbridge', 'Bluewater', 'Keystone', 'Pinnacle', 'Meridian',
    'Crescent', 'Lighthouse', 'Evergreen', 'Granite', 'Ironbridge', 'Riverside', 'Highland', 'Horizon', 'Beacon', 'Foxglove',
  ],
  ro: [
    'Carpatica', 'Transilvania', 'Dunărea', 'Moldova', 'Bucovina', 'Someș', 'Mureș', 'Ceahlău', 'Făgăraș', 'Retezat', 'Apuseni',
    'Prahova', 'Bega', 'Siret', 'Bârsa', 'Tâmpa', 'Vâlcea', 'Înfrățirea', 'Ardealul', 'Oltenia', 'Muntenia', 'Dobrogea',
    'Popescu', 'Ionescu', 'Dumitrescu', 'Munteanu', 'Stănescu', 'Mureșan', 'Lăzărescu', 'Țurcanu', 'Sârbu',
  ],
  zh: [
    '宏达', '中科', '鑫源', '天成', '金桥', '远航', '恒通', '瑞丰', '新创', '博远', '光明', '东方', '长城', '海通', '凯瑞', '永信', '华信',
    '嘉禾', '盛世', '联创', '顺达', '万众', '泰和', '德润',
  ],
  fr: ['Dubois', 'Lefèvre', 'Girard', 'Rousseau', 'Fontaine', 'Chevalier', 'Lambert', 'Bonnet', 'Atlantique', 'Provence', 'Lumière', 'Méditerranée', 'Alpes'],
  pl: ['Polmet', 'Wisła', 'Bałtyk', 'Mazowsze', 'Tatry', 'Odra', 'Warta', 'Sudety', 'Kowalski', 'Zieliński', 'Mazur', 'Krawczyk', 'Żuraw'],
};

export const pinyin: Record<string, string> = {
  宏达: 'hongda', 中科: 'zhongke', 鑫源: 'xinyuan', 天成: 'tiancheng', 金桥: 'jinqiao', 远航: 'yuanhang', 恒通: 'hengtong',
  瑞丰: 'ruifeng', 新创: 'xinchuang', 博远: 'boyuan', 光明: 'guangming', 东方: 'dongfang', 长城: 'changcheng', 海通: 'haitong',
  凯瑞: 'kairui', 永信: 'yongxin', 华信: 'huaxin', 嘉禾: 'jiahe', 盛世: 'shengshi', 联创: 'lianchuang', 顺达: 'shunda',
  万众: 'wanzhong', 泰和: 'taihe', 德润: 'derun',
};

export interface LegalForm {
  suffix: string;
  weight: number;
  ownership: readonly Ownership[];
  public?: boolean;
}

export const legalForms: Record<CountryCode, readonly LegalForm[]> = {
  DE: [
    { suffix: 'GmbH', weight: 62, ownership: ['privately_held', 'private'] },
    { suffix: 'GmbH & Co. KG', weight: 18, ownership: ['partnership', 'privately_held'] },
    { suffix: 'AG', weight: 14, ownership: ['public_company', 'private'], public: true },
    { suffix: 'KG', weight: 6, ownership: ['partnership'] },
  ],
  GB: [
    { suffix: 'Ltd', weight: 85, ownership: ['private', 'privately_held'] },
    { suffix: 'plc', weight: 15, ownership: ['public_company'], public: true },
  ],
  US: [
    { suffix: 'Inc.', weight: 65, ownership: ['privately_held', 'public_company'], public: true },
    { suffix: 'LLC', weight: 25, ownership: ['private', 'partnership'] },
    { suffix: 'Corp.', weight: 10, ownership: ['public_company'], public: true },
  ],
  RO: [
    { suffix: 'SRL', weight: 80, ownership: ['private', 'privately_held'] },
    { suffix: 'SA', weight: 20, ownership: ['public_company', 'private', 'government'], public: true },
  ],
  CN: [
    { suffix: '有限公司', weight: 85, ownership: ['private', 'privately_held'] },
    { suffix: '股份有限公司', weight: 15, ownership: ['public_company'], public: true },
  ],
  FR: [
    { suffix: 'SAS', weight: 60, ownership: ['private', 'privately_held'] },
    { suffix: 'SA', weight: 20, ownership: ['public_company'], public: true },
    { suffix: 'SARL', weight: 20, ownership: ['private'] },
  ],
  PL: [
    { suffix: 'Sp. z o.o.', weight: 75, ownership: ['private', 'privately_held'] },
    { suffix: 'S.A.', weight: 20, ownership: ['public_company'], public: true },
    { suffix: 'sp.k.', weight: 5, ownership: ['partnership'] },
  ],
};

/** Top-level accounts besides the groups, per country. */
export const standaloneCounts: Record<CountryCode, number> = { DE: 42, GB: 22, US: 12, RO: 36, CN: 32, FR: 8, PL: 8 };

export const accountTypeWeights: ReadonlyArray<readonly [AccountType, number]> = [
  ['customer', 40], ['prospect', 20], ['supplier', 8], ['partner', 6], ['vendor', 5], ['reseller', 5], ['distributor', 4],
  ['integrator', 3], ['competitor', 3], ['investor', 1], ['press', 1], ['analyst', 1], ['other', 3],
];
