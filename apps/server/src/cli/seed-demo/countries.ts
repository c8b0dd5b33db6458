/** The demo's countries and cities, and addresses and phone numbers written the way each country writes them. */
import type { Rng } from './random.ts';
import { pad } from './text.ts';

export type CountryCode = 'DE' | 'GB' | 'US' | 'RO' | 'CN' | 'FR' | 'PL';
export type Lang = 'de' | 'en' | 'ro' | 'zh' | 'fr' | 'pl';
export type Address = { street: string; city: string; region: string; postalCode: string; country: string };

export interface City {
  name: string;
  region: string;
  /** Phone area code as dialled after the country code. */
  area: string;
  postal: readonly [number, number];
  /** GB: outward codes. */
  outward?: readonly string[];
  /** CN: streets per city (district + road); CN company names use `short`, domains `py`. */
  streets?: readonly string[];
  short?: string;
  py?: string;
}

export interface Country {
  code: CountryCode;
  lang: Lang;
  name: string;
  tld: string;
  cities: readonly City[];
  streets: readonly string[];
}

export const countries: Record<CountryCode, Country> = {
  DE: {
    code: 'DE',
    lang: 'de',
    name: 'Deutschland',
    tld: 'de',
    cities: [
      { name: 'München', region: 'Bayern', area: '89', postal: [80331, 81929] },
      { name: 'Berlin', region: 'Berlin', area: '30', postal: [10115, 14199] },
      { name: 'Hamburg', region: 'Hamburg', area: '40', postal: [20095, 22769] },
      { name: 'Frankfurt am Main', region: 'Hessen', area: '69', postal: [60306, 60599] },
      { name: 'Stuttgart', region: 'Baden-Württemberg', area: '711', postal: [70173, 70629] },
      { name: 'Köln', region: 'Nordrhein-Westfalen', area: '221', postal: [50667, 51149] },
      { name: 'Düsseldorf', region: 'Nordrhein-Westfalen', area: '211', postal: [40210, 40629] },
      { name: 'Leipzig', region: 'Sachsen', area: '341', postal: [4103, 4357] },
      { name: 'Nürnberg', region: 'Bayern', area: '911', postal: [90402, 90491] },
      { name: 'Hannover', region: 'Niedersachsen', area: '511', postal: [30159, 30659] },
      { name: 'Dresden', region: 'Sachsen', area: '351', postal: [1067, 1328] },
      { name: 'Bremen', region: 'Bremen', area: '421', postal: [28195, 28779] },
      { name: 'Augsburg', region: 'Bayern', area: '821', postal: [86150, 86199] },
      { name: 'Bielefeld', region: 'Nordrhein-Westfalen', area: '521', postal: [33602, 33739] },
    ],
    streets: [
      'Hauptstraße', 'Industriestraße', 'Bahnhofstraße', 'Gewerbering', 'Leopoldstraße', 'Schillerstraße', 'Goethestraße',
      'Am Hafen', 'Lindenallee', 'Friedrichstraße', 'Kaiserstraße', 'Mühlenweg', 'Daimlerstraße', 'Robert-Bosch-Straße',
      'Siemensstraße', 'Gutenbergstraße', 'Im Gewerbepark', 'Äußere Sulzbacher Straße', 'Weißenburger Straße',
    ],
  },
  GB: {
    code: 'GB',
    lang: 'en',
    name: 'United Kingdom',
    tld: 'co.uk',
    cities: [
      { name: 'London', region: 'England', area: '20', postal: [0, 0], outward: ['EC1V', 'EC2A', 'EC4M', 'SE1', 'W1T', 'WC2H', 'N1', 'E14', 'SW1P'] },
      { name: 'Manchester', region: 'England', area: '161', postal: [0, 0], outward: ['M1', 'M2', 'M3', 'M4', 'M15'] },
      { name: 'Birmingham', region: 'England', area: '121', postal: [0, 0], outward: ['B1', 'B2', 'B3', 'B4', 'B5'] },
      { name: 'Leeds', region: 'England', area: '113', postal: [0, 0], outward: ['LS1', 'LS2', 'LS9', 'LS11'] },
      { name: 'Bristol', region: 'England', area: '117', postal: [0, 0], outward: ['BS1', 'BS2', 'BS8'] },
      { name: 'Liverpool', region: 'England', area: '151', postal: [0, 0], outward: ['L1', 'L2', 'L3'] },
      { name: 'Sheffield', region: 'England', area: '114', postal: [0, 0], outward: ['S1', 'S2', 'S3'] },
      { name: 'Newcastle upon Tyne', region: 'England', area: '191', postal: [0, 0], outward: ['NE1', 'NE2'] },
      { name: 'Glasgow', region: 'Scotland', area: '141', postal: [0, 0], outward: ['G1', 'G2', 'G3', 'G4'] },
      { name: 'Edinburgh', region: 'Scotland', area: '131', postal: [0, 0], outward: ['EH1', 'EH2', 'EH3', 'EH6'] },
    ],
    streets: [
      'King Street', 'Victoria Road', 'High Street', 'Church Lane', 'Queen Street', 'Station Road', 'Park Row', 'Canal Wharf',
      'Mill Lane', 'Bridge Street', 'Albion Place', 'Princess Street', 'St John’s Road',
    ],
  },
  US: {
    code: 'US',
    lang: 'en',
    name: 'United States',
    tld: 'com',
    cities: [
      { name: 'New York', region: 'NY', area: '212', postal: [10001, 10282] },
      { name: 'Boston', region: 'MA', area: '617', postal: [2108, 2215] },
      { name: 'Chicago', region: 'IL', area: '312', postal: [60601, 60661] },
      { name: 'San Francisco', region: 'CA', area: '415', postal: [94102, 94134] },
      { name: 'Austin', region: 'TX', area: '512', postal: [78701, 78759] },
      { name: 'Seattle', region: 'WA', area: '206', postal: [98101, 98199] },
      { name: 'Atlanta', region: 'GA', area: '404', postal: [30303, 30363] },
      { name: 'Denver', region: 'CO', area: '303', postal: [80202, 80239] },
    ],
    streets: [
      'Main Street', 'Market Street', 'Commerce Drive', 'Park Avenue', 'Washington Street', 'Innovation Way', 'Oak Street',
      'Elm Street', 'Technology Parkway', 'Harbor Boulevard', 'Madison Avenue', 'Lincoln Avenue',
    ],
  },
  RO: {
    code: 'RO',
    lang: 'ro',
    name: 'România',
    tld: 'ro',
    cities: [
      { name: 'București', region: 'București', area: '21', postal: [10011, 62599] },
      { name: 'Cluj-Napoca', region: 'Cluj', area: '264', postal: [400001, 400697] },
      { name: 'Timișoara', region: 'Timiș', area: '256', postal: [300001, 300990] },
      { name: 'Iași', region: 'Iași', area: '232', postal: [700001, 700828] },
      { name: 'Brașov', region: 'Brașov', area: '268', postal: [500001, 500482] },
      { name: 'Constanța', region: 'Constanța', area: '241', postal: [900001, 900745] },
      { name: 'Sibiu', region: 'Sibiu', area: '269', postal: [550001, 550425] },
      { name: 'Craiova', region: 'Dolj', area: '251', postal: [200001, 200796] },
      { name: 'Oradea', region: 'Bihor', area: '259', postal: [410001, 410610] },
      { name: 'Pitești', region: 'Argeș', area: '248', postal: [110001, 110469] },
    ],
    streets: [
      'Str. Mihai Eminescu', 'Bd. Unirii', 'Calea Victoriei', 'Str. Ștefan cel Mare', 'Str. Avram Iancu', 'Bd. Tineretului',
      'Șos. Pipera', 'Str. Horea', 'Str. Câmpului', 'Aleea Trandafirilor', 'Str. Mărășești', 'Bd. Revoluției din 1989',
      'Str. Alexandru Lăpușneanu', 'Calea Dorobanților', 'Str. Fabricii', 'Str. Înfrățirii',
    ],
  },
  CN: {
    code: 'CN',
    lang: 'zh',
    name: '中国',
    tld: 'com.cn',
    cities: [
      { name: '上海市', short: '上海', py: 'sh', region: '上海市', area: '21', postal: [200000, 201999], streets: ['浦东新区张江路', '徐汇区漕溪北路', '闵行区春东路', '静安区南京西路', '嘉定区墨玉路'] },
      { name: '北京市', short: '北京', py: 'bj', region: '北京市', area: '10', postal: [100000, 102699], streets: ['海淀区中关村大街', '朝阳区建国路', '大兴区科创街', '东城区东直门南大街'] },
      { name: '深圳市', short: '深圳', py: 'sz', region: '广东省', area: '755', postal: [518000, 518133], streets: ['南山区高新南七道', '福田区深南大道', '宝安区宝源路', '龙岗区坂田街道五和大道'] },
      { name: '广州市', short: '广州', py: 'gz', region: '广东省', area: '20', postal: [510000, 511499], streets: ['天河区天河路', '黄埔区科学大道', '番禺区市桥街道繁华路'] },
      { name: '杭州市', short: '杭州', py: 'hz', region: '浙江省', area: '571', postal: [310000, 311199], streets: ['西湖区文三路', '滨江区江南大道', '余杭区文一西路'] },
      { name: '苏州市', short: '苏州', py: 'su', region: '江苏省', area: '512', postal: [215000, 215699], streets: ['工业园区星湖街', '高新区狮山路', '吴中区东吴北路'] },
      { name: '成都市', short: '成都', py: 'cd', region: '四川省', area: '28', postal: [610000, 611799], streets: ['高新区天府大道', '武侯区人民南路', '锦江区红星路'] },
      { name: '南京市', short: '南京', py: 'nj', region: '江苏省', area: '25', postal: [210000, 211299], streets: ['江宁区胜太路', '鼓楼区中山北路', '玄武区珠江路'] },
      { name: '武汉市', short: '武汉', py: 'wh', region: '湖北省', area: '27', postal: [430000, 430223], streets: ['东湖高新区光谷大道', '江汉区建设大道'] },
    ],
    streets: [],
  },
  FR: {
    code: 'FR',
    lang: 'fr',
    name: 'France',
    tld: 'fr',
    cities: [
      { name: 'Paris', region: 'Île-de-France', area: '1', postal: [75001, 75020] },
      { name: 'Lyon', region: 'Auvergne-Rhône-Alpes', area: '4', postal: [69001, 69009] },
      { name: 'Marseille', region: 'Provence-Alpes-Côte d’Azur', area: '4', postal: [13001, 13016] },
      { name: 'Toulouse', region: 'Occitanie', area: '5', postal: [31000, 31500] },
      { name: 'Bordeaux', region: 'Nouvelle-Aquitaine', area: '5', postal: [33000, 33800] },
      { name: 'Lille', region: 'Hauts-de-France', area: '3', postal: [59000, 59800] },
      { name: 'Nantes', region: 'Pays de la Loire', area: '2', postal: [44000, 44300] },
    ],
    streets: [
      'rue de la République', 'avenue Jean Jaurès', 'boulevard Haussmann', 'rue Nationale', 'quai des Chartrons', 'rue Victor Hugo',
      'avenue de la Gare', 'place de la Bourse', 'rue des Entrepreneurs', 'rue du Faubourg Saint-Honoré',
    ],
  },
  PL: {
    code: 'PL',
    lang: 'pl',
    name: 'Polska',
    tld: 'pl',
    cities: [
      { name: 'Warszawa', region: 'mazowieckie', area: '22', postal: [1, 4999] },
      { name: 'Kraków', region: 'małopolskie', area: '12', postal: [30001, 31999] },
      { name: 'Wrocław', region: 'dolnośląskie', area: '71', postal: [50001, 54999] },
      { name: 'Poznań', region: 'wielkopolskie', area: '61', postal: [60001, 61999] },
      { name: 'Gdańsk', region: 'pomorskie', area: '58', postal: [80001, 80999] },
      { name: 'Łódź', region: 'łódzkie', area: '42', postal: [90001, 94999] },
      { name: 'Katowice', region: 'śląskie', area: '32', postal: [40001, 40999] },
    ],
    streets: [
      'ul. Marszałkowska', 'ul. Długa', 'al. Jerozolimskie', 'ul. Piotrkowska', 'ul. Świętokrzyska', 'ul. Grunwaldzka', 'ul. Żelazna',
      'ul. Kościuszki', 'ul. Przemysłowa', 'ul. Legnicka',
    ],
  },
};

export function cityOf(code: CountryCode, name: string): City {
  const city = countries[code].cities.find((c) => c.name === name);
  if (!city) throw new Error(`demo data: no city ${name} in ${code}`);
  return city;
}

const ukLetters = 'ABDEFGHJLNPQRSTUWXYZ';

function postalCode(r: Rng, country: Country, city: City): string {
  const [lo, hi] = city.postal;
  switch (country.code) {
    case 'GB':
      return `${r.pick(city.outward ?? ['EC1A'])} ${r.int(1, 9)}${r.pick([...ukLetters])}${r.pick([...ukLetters])}`;
    case 'PL': {
      const s = pad(r.int(lo, hi), 5);
      return `${s.slice(0, 2)}-${s.slice(2)}`;
    }
    case 'RO':
    case 'CN':
      return pad(r.int(lo, hi), 6);
    default:
      return pad(r.int(lo, hi), 5);
  }
}

function streetLine(r: Rng, country: Country, city: City): string {
  switch (country.code) {
    case 'DE':
      return `${r.pick(country.streets)} ${r.int(1, 160)}${r.chance(0.1) ? r.pick(['a', 'b', 'c']) : ''}`;
    case 'GB':
      return r.chance(0.2) ? `Unit ${r.int(1, 30)}, ${r.pick(['Riverside', 'Waterside', 'Meadow', 'Enterprise', 'Kingsway'])} Business Park` : `${r.int(1, 240)} ${r.pick(country.streets)}`;
    case 'US':
      return `${r.int(100, 2999)} ${r.pick(country.streets)}${r.chance(0.35) ? `, Suite ${r.int(1, 40) * 100}` : ''}`;
    case 'RO':
      return `${r.pick(country.streets)} nr. ${r.int(1, 180)}${r.chance(0.25) ? `, et. ${r.int(1, 9)}` : ''}`;
    case 'CN':
      return `${r.pick(city.streets ?? ['中山路'])}${r.int(1, 999)}号${r.chance(0.4) ? `${r.int(2, 28)}楼` : ''}`;
    case 'FR':
      return `${r.int(1, 150)} ${r.pick(country.streets)}`;
    case 'PL':
      return `${r.pick(country.streets)} ${r.int(1, 150)}${r.chance(0.3) ? `/${r.int(1, 40)}` : ''}`;
  }
}

export function makeAddress(r: Rng, country: Country, city: City): Address {
  return { street: streetLine(r, country, city), city: city.name, region: city.region, postalCode: postalCode(r, country, city), country: country.name };
}

/** A landline in the city, in the international format people write in that country (fictional ranges where they exist). */
export function landline(r: Rng, country: Country, city: City): string {
  const a = city.area;
  switch (country.code) {
    case 'DE':
      return `+49 ${a} ${r.digits(10 - a.length)}`;
    case 'GB':
      return a === '20' ? `+44 20 7946 0${r.digits(3, true)}` : `+44 ${a} ${a === '191' ? '498' : '496'} 0${r.digits(3, true)}`;
    case 'US':
      return `+1 ${a}-555-01${r.digits(2, true)}`;
    case 'RO':
      return a === '21' ? `+40 21 ${r.int(2, 3)}${r.digits(2, true)} ${r.digits(2, true)} ${r.digits(2, true)}` : `+40 ${a} ${r.digits(3)} ${r.digits(3, true)}`;
    case 'CN':
      return `+86 ${a} ${r.int(5, 8)}${r.digits(3, true)} ${r.digits(4, true)}`;
    case 'FR':
      return `+33 ${a} ${r.int(10, 99)} ${r.digits(2, true)} ${r.digits(2, true)} ${r.digits(2, true)}`;
    case 'PL':
      return `+48 ${a} ${r.digits(3)} ${r.digits(2, true)} ${r.digits(2, true)}`;
  }
}

export function mobile(r: Rng, country: Country, city: City): string {
  switch (country.code) {
    case 'DE':
      return r.chance(0.6) ? `+49 ${r.pick(['151', '152', '157'])} ${r.digits(8)}` : `+49 ${r.pick(['170', '171', '175'])} ${r.digits(7)}`;
    case 'GB':
      return `+44 7700 900${r.digits(3, true)}`;
    case 'US':
      return `+1 ${city.area}-555-01${r.digits(2, true)}`;
    case 'RO':
      return `+40 7${r.pick(['22', '23', '24', '26', '40', '44', '45', '52', '55', '62', '66', '72', '74', '88'])} ${r.digits(3)} ${r.digits(3, true)}`;
    case 'CN':
      return `+86 1${r.pick(['38', '39', '35', '36', '37', '58', '59', '86', '88', '50', '51'])} ${r.digits(4, true)} ${r.digits(4, true)}`;
    case 'FR':
      return `+33 ${r.pick(['6', '7'])} ${r.int(10, 99)} ${r.digits(2, true)} ${r.digits(2, true)} ${r.digits(2, true)}`;
    case 'PL':
      return `+48 ${r.pick(['501', '502', '600', '601', '602', '660', '691', '730', '790', '880'])} ${r.digits(3, true)} ${r.digits(3, true)}`;
  }
}
