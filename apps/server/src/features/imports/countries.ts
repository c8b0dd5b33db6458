/**
 * The country a row's address names, as the region its national phone numbers are read in (issue #15: "national
 * numbers use the country of the row/file as default region"): ISO codes and the names people write in the four
 * languages Kontor speaks, for the countries its users trade with most. Unknown names give null (the file's region).
 */
const names: Record<string, string> = {};
const add = (code: string, ...aliases: string[]) => {
  for (const a of [code, ...aliases]) names[key(a)] = code;
};
function key(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

add('DE', 'DEU', 'Germany', 'Deutschland', 'Germania', '德国', 'Federal Republic of Germany', 'Bundesrepublik Deutschland');
add('AT', 'AUT', 'Austria', 'Österreich', '奥地利');
add('CH', 'CHE', 'Switzerland', 'Schweiz', 'Suisse', 'Svizzera', 'Elveția', '瑞士');
add('RO', 'ROU', 'Romania', 'România', 'Rumänien', '罗马尼亚');
add('MD', 'MDA', 'Moldova', 'Republica Moldova', 'Moldawien', '摩尔多瓦');
add('CN', 'CHN', 'China', "People's Republic of China", 'PRC', '中国', '中华人民共和国', 'Volksrepublik China', 'Chine');
add('HK', 'HKG', 'Hong Kong', '香港');
add('TW', 'TWN', 'Taiwan', '台湾');
add('SG', 'SGP', 'Singapore', '新加坡');
add('JP', 'JPN', 'Japan', '日本', 'Japonia');
add('KR', 'KOR', 'South Korea', 'Korea', 'Südkorea', '韩国');
add('IN', 'IND', 'India', 'Indien', '印度');
add('US', 'USA', 'United States', 'United States of America', 'U.S.A.', 'U.S.', 'America', 'Vereinigte Staaten', 'Statele Unite', 'SUA', '美国');
add('CA', 'CAN', 'Canada', 'Kanada', '加拿大');
add('MX', 'MEX', 'Mexico', 'Mexiko', '墨西哥');
add('BR', 'BRA', 'Brazil', 'Brasil', 'Brasilien', 'Brazilia', '巴西');
add('GB', 'GBR', 'UK', 'United Kingdom', 'Great Britain', 'England', 'Scotland', 'Wales', 'Großbritannien', 'Vereinigtes Königreich', 'Marea Britanie', 'Regatul Unit', '英国');
add('IE', 'IRL', 'Ireland', 'Irland', 'Irlanda', '爱尔兰');
add('FR', 'FRA', 'France', 'Frankreich', 'Franța', '法国');
add('BE', 'BEL', 'Belgium', 'Belgien', 'Belgique', 'Belgia', '比利时');
add('NL', 'NLD', 'Netherlands', 'The Netherlands', 'Holland', 'Niederlande', 'Olanda', 'Țările de Jos', '荷兰');
add('LU', 'LUX', 'Luxembourg', 'Luxemburg', '卢森堡');
add('IT', 'ITA', 'Italy', 'Italien', 'Italia', '意大利');
add('ES', 'ESP', 'Spain', 'Spanien', 'España', 'Spania', '西班牙');
add('PT', 'PRT', 'Portugal', 'Portugalia', '葡萄牙');
add('PL', 'POL', 'Poland', 'Polen', 'Polska', 'Polonia', '波兰');
add('CZ', 'CZE', 'Czech Republic', 'Czechia', 'Tschechien', 'Česko', 'Cehia', '捷克');
add('SK', 'SVK', 'Slovakia', 'Slowakei', 'Slovacia', '斯洛伐克');
add('HU', 'HUN', 'Hungary', 'Ungarn', 'Ungaria', '匈牙利');
add('BG', 'BGR', 'Bulgaria', 'Bulgarien', '保加利亚');
add('GR', 'GRC', 'Greece', 'Griechenland', 'Grecia', '希腊');
add('TR', 'TUR', 'Turkey', 'Türkiye', 'Türkei', 'Turcia', '土耳其');
add('SE', 'SWE', 'Sweden', 'Schweden', 'Suedia', 'Sverige', '瑞典');
add('NO', 'NOR', 'Norway', 'Norwegen', 'Norvegia', 'Norge', '挪威');
add('DK', 'DNK', 'Denmark', 'Dänemark', 'Danemarca', 'Danmark', '丹麦');
add('FI', 'FIN', 'Finland', 'Finnland', 'Finlanda', 'Suomi', '芬兰');
add('UA', 'UKR', 'Ukraine', 'Ucraina', '乌克兰');
add('RU', 'RUS', 'Russia', 'Russland', 'Rusia', '俄罗斯');
add('AU', 'AUS', 'Australia', 'Australien', '澳大利亚');
add('NZ', 'NZL', 'New Zealand', 'Neuseeland', '新西兰');
add('ZA', 'ZAF', 'South Africa', 'Südafrika', '南非');
add('AE', 'ARE', 'United Arab Emirates', 'UAE', 'Vereinigte Arabische Emirate', '阿联酋');
add('IL', 'ISR', 'Israel', '以色列');
add('EG', 'EGY', 'Egypt', 'Ägypten', '埃及');
add('VN', 'VNM', 'Vietnam', 'Viet Nam', '越南');

/** The ISO 3166 code a country name or code stands for, or null. */
export function regionOfCountry(country: string | null | undefined): string | null {
  if (!country) return null;
  return names[key(country)] ?? null;
}
