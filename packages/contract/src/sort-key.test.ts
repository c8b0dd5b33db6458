import { describe, expect, it } from 'vitest';
import { nameSortKey, personSortKey } from './sort-key.ts';

/** The A-Z letter a key files under, as the server's `letterWhere` ranges read it. */
const letterOf = (key: string) => (key >= '0' && key < ':' ? '0-9' : key >= 'a' && key < '{' ? key[0]?.toUpperCase() : '#');

describe('sort keys', () => {
  it.each([
    ['Ärger GmbH', 'A'],
    ['Øresund Bridge', 'O'],
    ['Łukasz Sp. z o.o.', 'L'],
    ['Șerban SRL', 'S'],
    ['Şerban SRL', 'S'],
    ['Ćevapi', 'C'],
    ['Ægir Brewing', 'A'],
    ['Œuvre', 'O'],
    ['Þór', 'T'],
    ['Istanbul', 'I'],
    ['ıspanak', 'I'],
    ['42 Partners', '0-9'],
    ['(Acme)', 'A'],
    ['„Acme“', 'A'],
    ['🚀 Rocket', 'R'],
    ['🚀', '#'],
    ['---', '#'],
    ['北京字节跳动科技有限公司', 'B'],
    ['李丹', 'L'],
    ['重庆火锅', 'C'],
    ['Бета Трейд', '#'],
    ['トヨタ自動車株式会社', '#'],
    ['山田さくら', '#'],
    ['삼성전자', '#'],
  ])('%s files under %s', (name, letter) => {
    expect(letterOf(nameSortKey(name))).toBe(letter);
  });

  it('puts the pinyin of a Chinese name before the name itself', () => {
    expect(personSortKey({ firstName: '丹', lastName: '李' })).toBe('li dan 李 丹');
    expect(personSortKey({ firstName: '小明', lastName: '王' })).toBe('wang xiao ming 王 小明');
    expect(personSortKey({ firstName: '修', lastName: '欧阳' })).toBe('ou yang xiu 欧阳 修');
    expect(personSortKey({ firstName: null, lastName: '吕' })).toBe('lu 吕');
    expect(personSortKey({ firstName: 'Anna', lastName: '李' })).toBe('li 李 anna');
    expect(nameSortKey('华为 Technologies')).toBe('hua wei 华为 technologies');
  });

  it('reads a family name as a surname', () => {
    // 单 is "dan" in words but "shan" as a family name; 曾 "ceng" / "zeng".
    expect(personSortKey({ firstName: '雄信', lastName: '单' }).startsWith('shan xiong xin ')).toBe(true);
    expect(personSortKey({ firstName: '国藩', lastName: '曾' }).startsWith('zeng guo fan ')).toBe(true);
  });

  it('keeps the Latin keys as they were: folded, family name first', () => {
    expect(personSortKey({ firstName: 'Anna', lastName: 'Schmidt' })).toBe('schmidt anna');
    expect(personSortKey({ firstName: 'Émile', lastName: 'Zola' })).toBe('zola emile');
    expect(personSortKey({ firstName: 'Anna', lastName: null })).toBe('anna');
    expect(personSortKey({})).toBe('');
    expect(nameSortKey('Müller & Söhne GmbH')).toBe('muller & sohne gmbh');
    expect(nameSortKey('Straße')).toBe('strasse');
  });

  it('interleaves Chinese names with Latin ones by their reading', () => {
    const names = [
      { firstName: 'Dan', lastName: 'Li' },
      { firstName: '丹', lastName: '李' },
      { firstName: 'Anna', lastName: 'Lindqvist' },
      { firstName: '明', lastName: '王' },
      { firstName: 'Tom', lastName: 'Wagner' },
      { firstName: '伟', lastName: '张' },
      { firstName: 'Eva', lastName: 'Zimmermann' },
      { firstName: 'Ola', lastName: 'Lee' },
    ];
    const sorted = [...names].sort((a, b) => (personSortKey(a) < personSortKey(b) ? -1 : 1)).map((n) => `${n.lastName} ${n.firstName}`);
    expect(sorted).toEqual(['Lee Ola', 'Li Dan', '李 丹', 'Lindqvist Anna', 'Wagner Tom', '王 明', '张 伟', 'Zimmermann Eva']);
  });

  it('reads at most a few dozen characters in pinyin', () => {
    const key = nameSortKey('中'.repeat(100));
    expect(key.startsWith(`${Array(24).fill('zhong').join(' ')} 中`)).toBe(true);
  });
});
