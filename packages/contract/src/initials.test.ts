import { describe, expect, it } from 'vitest';
import { initials, personInitials } from './initials.ts';

describe('organisation initials skip legal forms and stop words', () => {
  it.each([
    ['Müller & Söhne GmbH', 'MS'],
    ['The Boring Company', 'BC'],
    ['Ford Motor Company', 'FM'],
    ['Acme Corporation', 'AC'],
    ['Siemens AG', 'S'],
    ['Siemens', 'S'],
    ['Alpha Tools GmbH', 'AT'],
    ['Schmidt GmbH & Co. KG', 'S'],
    ['Schmidt Bau GmbH & Co. KG', 'SB'],
    ['Weber Automotive Service SRL', 'WA'],
    ['S.C. Exemplu S.R.L.', 'E'],
    ['Construcții și Instalații S.A.', 'CI'],
    ['Fundația pentru Dezvoltare', 'FD'],
    ['Verein für Heimatkunde e.V.', 'VH'],
    ['Bäckerei der Stadt mbH', 'BS'],
    ['Société Générale S.A.', 'SG'],
    ['Compagnie Générale des Eaux', 'GE'],
    ['Holding Company', 'HC'],
    ['Banco de la Nación', 'BN'],
    ['Acme Ltd.', 'A'],
    ['Globex Limited', 'G'],
    ['Initech, Inc.', 'I'],
    ['Hooli LLC', 'H'],
    ['Vandelay Industries PLC', 'VI'],
    ['Philips N.V.', 'P'],
    ['Nokia Oyj', 'N'],
    ['Volvo AB', 'V'],
    ['Maersk A/S', 'MA'],
    ['Firma Handlowa Sp. z o.o.', 'FH'],
    ['Ernst & Young', 'EY'],
    ['Y Combinator', 'YC'],
    ['3M Deutschland GmbH', '3D'],
    ['Ärzte Union', 'ÄU'],
    ['Бета Трейд', 'БТ'],
    // Only stop words and legal forms: the first letters of what is there.
    ['The And', 'TA'],
    ['GmbH & Co. KG', 'GC'],
    ['AG', 'A'],
    // Chinese, Japanese, Korean: the first characters once the legal form is off.
    ['北京字节跳动科技有限公司', '北京'],
    ['阿里巴巴集团', '阿里'],
    ['中国平安保险股份有限公司', '中国'],
    ['华为 Technologies Co., Ltd.', '华为'],
    ['トヨタ自動車株式会社', 'トヨ'],
    ['株式会社 日立製作所', '日立'],
    ['삼성전자 주식회사', '삼성'],
    ['(주)카카오', '카카'],
    ['有限公司', '有限'],
    // Nothing to take.
    ['', '?'],
    ['🚀', '?'],
    ['&', '?'],
  ])('%s -> %s', (name, expected) => {
    expect(initials(name, 'organization')).toBe(expected);
  });
});

describe('person initials', () => {
  it.each([
    ['Anna Schmidt', 'AS'],
    ['anna schmidt', 'AS'],
    ['Ludwig van Beethoven', 'LB'],
    ['Anna de la Cruz', 'AC'],
    ['Di Wang', 'DW'],
    ['Ștefan Popescu', 'ȘP'],
    ['Łukasz Nowak', 'ŁN'],
    ['Madonna', 'M'],
    ['Jean-Luc Picard', 'JP'],
    ['李丹', '李'],
    ['欧阳修', '欧'],
    ['山田太郎', '山'],
    ['김민준', '김'],
    ['', '?'],
  ])('%s -> %s', (name, expected) => {
    expect(initials(name, 'person')).toBe(expected);
  });

  it('reads the parts in the order the name is written', () => {
    expect(personInitials({ firstName: '丹', lastName: '李' })).toBe('李');
    expect(personInitials({ firstName: 'Anna', lastName: 'Schmidt' })).toBe('AS');
    expect(personInitials({ firstName: null, lastName: 'Schmidt' })).toBe('S');
    expect(personInitials({})).toBe('?');
  });
});
