/** The named company groups of the demo: parent accounts with their members across countries. */
import type { AccountType, Industry, Ownership } from './companies.ts';
import type { CountryCode } from './countries.ts';

/** Parent accounts and their members (subsidiaries), some two levels deep. */
export interface GroupSpec {
  name: string;
  country: CountryCode;
  city: string;
  domain: string;
  industry?: Industry;
  accountType?: AccountType;
  ownership?: Ownership;
  ticker?: string;
  members?: GroupSpec[];
}

export const groups: GroupSpec[] = [
  {
    name: 'Müller Präzisionstechnik GmbH', country: 'DE', city: 'München', domain: 'mueller-praezision.de', industry: 'machinery', accountType: 'customer', ownership: 'privately_held',
    members: [
      { name: 'Müller Präzisionstechnik Polska Sp. z o.o.', country: 'PL', city: 'Wrocław', domain: 'mueller-praezision.pl' },
      { name: 'Müller Präzisionstechnik România SRL', country: 'RO', city: 'Timișoara', domain: 'mueller-praezision.ro' },
      { name: '穆勒精密技术（苏州）有限公司', country: 'CN', city: '苏州市', domain: 'mueller-praezision.cn' },
      { name: 'Müller Precision Technology UK Ltd', country: 'GB', city: 'Birmingham', domain: 'mueller-precision.co.uk' },
    ],
  },
  {
    name: 'Hanse Logistik Holding AG', country: 'DE', city: 'Hamburg', domain: 'hanse-holding.de', industry: 'logistics', accountType: 'customer', ownership: 'public_company', ticker: 'HLH',
    members: [
      {
        name: 'Hanse Logistik Deutschland GmbH', country: 'DE', city: 'Bremen', domain: 'hanse-logistik.de',
        members: [
          { name: 'Hanse Kontraktlogistik GmbH', country: 'DE', city: 'Leipzig', domain: 'hanse-kontrakt.de' },
          { name: 'Hanse Logistik Polska Sp. z o.o.', country: 'PL', city: 'Gdańsk', domain: 'hanse-logistik.pl' },
        ],
      },
      { name: 'Hanse Logistik România SRL', country: 'RO', city: 'Constanța', domain: 'hanse-logistik.ro' },
      { name: 'Hanse Logistics UK Ltd', country: 'GB', city: 'Liverpool', domain: 'hanse-logistics.co.uk' },
    ],
  },
  {
    name: 'Carpați Energie SA', country: 'RO', city: 'București', domain: 'carpati-energie.ro', industry: 'energy', accountType: 'customer', ownership: 'public_company', ticker: 'CPE',
    members: [
      { name: 'Carpați Solar SRL', country: 'RO', city: 'Brașov', domain: 'carpati-solar.ro' },
      {
        name: 'Carpați Distribuție SRL', country: 'RO', city: 'Cluj-Napoca', domain: 'carpati-distributie.ro',
        members: [{ name: 'Carpați Servicii Tehnice SRL', country: 'RO', city: 'Sibiu', domain: 'carpati-servicii.ro' }],
      },
    ],
  },
  {
    name: '华东机械集团股份有限公司', country: 'CN', city: '上海市', domain: 'huadong-group.com', industry: 'machinery', accountType: 'supplier', ownership: 'public_company', ticker: '600842',
    members: [
      { name: '华东机械（苏州）有限公司', country: 'CN', city: '苏州市', domain: 'huadong-sz.com.cn' },
      { name: '华东机械（成都）有限公司', country: 'CN', city: '成都市', domain: 'huadong-cd.com.cn' },
      {
        name: 'Huadong Machinery Europe GmbH', country: 'DE', city: 'Düsseldorf', domain: 'huadong-europe.de',
        members: [{ name: 'Huadong Machinery Polska Sp. z o.o.', country: 'PL', city: 'Poznań', domain: 'huadong.pl' }],
      },
    ],
  },
  {
    name: 'Blackwood Software Ltd', country: 'GB', city: 'London', domain: 'blackwood-software.co.uk', industry: 'software', accountType: 'partner', ownership: 'private',
    members: [
      { name: 'Blackwood Software Inc.', country: 'US', city: 'Boston', domain: 'blackwoodsoftware.com' },
      { name: 'Blackwood Software GmbH', country: 'DE', city: 'Berlin', domain: 'blackwood-software.de' },
      { name: 'Blackwood Software Romania SRL', country: 'RO', city: 'Cluj-Napoca', domain: 'blackwood-software.ro' },
    ],
  },
  {
    name: 'Summit Analytics Inc.', country: 'US', city: 'New York', domain: 'summitanalytics.com', industry: 'technology', accountType: 'prospect', ownership: 'public_company', ticker: 'SMTA',
    members: [
      { name: 'Summit Analytics Ltd', country: 'GB', city: 'Manchester', domain: 'summitanalytics.co.uk' },
      { name: 'Summit Analytics France SAS', country: 'FR', city: 'Paris', domain: 'summitanalytics.fr' },
    ],
  },
  {
    name: 'Groupe Moreau SA', country: 'FR', city: 'Lyon', domain: 'groupe-moreau.fr', industry: 'construction', accountType: 'customer', ownership: 'public_company', ticker: 'GMO',
    members: [
      { name: 'Moreau Bâtiment SAS', country: 'FR', city: 'Marseille', domain: 'moreau-batiment.fr' },
      { name: 'Moreau Polska Sp. z o.o.', country: 'PL', city: 'Kraków', domain: 'moreau.pl' },
    ],
  },
  {
    name: 'Weber Fahrzeugteile AG', country: 'DE', city: 'Stuttgart', domain: 'weber-fahrzeugteile.de', industry: 'automotive', accountType: 'customer', ownership: 'public_company', ticker: 'WFT',
    members: [
      { name: 'Weber Automotive Sachsen GmbH', country: 'DE', city: 'Dresden', domain: 'weber-sachsen.de' },
      {
        name: 'Weber Automotive România SRL', country: 'RO', city: 'Pitești', domain: 'weber-automotive.ro',
        members: [{ name: 'Weber Automotive Service SRL', country: 'RO', city: 'Craiova', domain: 'weber-service.ro' }],
      },
      { name: '韦伯汽车零部件（上海）有限公司', country: 'CN', city: '上海市', domain: 'weber-auto.cn' },
    ],
  },
  {
    name: '深圳前海云智科技有限公司', country: 'CN', city: '深圳市', domain: 'yunzhi-tech.com', industry: 'technology', accountType: 'vendor', ownership: 'privately_held',
    members: [
      { name: '云智软件（杭州）有限公司', country: 'CN', city: '杭州市', domain: 'yunzhi-hz.com', industry: 'software' },
      { name: '云智科技（北京）有限公司', country: 'CN', city: '北京市', domain: 'yunzhi-bj.com' },
    ],
  },
  {
    name: 'Nowak Budownictwo S.A.', country: 'PL', city: 'Warszawa', domain: 'nowak-budownictwo.pl', industry: 'construction', accountType: 'customer', ownership: 'public_company', ticker: 'NWB',
    members: [{ name: 'Nowak Budownictwo Kraków Sp. z o.o.', country: 'PL', city: 'Kraków', domain: 'nowak-krakow.pl' }],
  },
];
