import { describe, expect, it } from 'vitest';
import { guessDateOrder, parseDate, type DateOrder } from './dates.ts';
import { matchSalutation, splitFullName } from './names.ts';
import { emailAddress, parseLabel, splitEmails, splitPhones, splitTags } from './points.ts';
import { cellText, cleanText, parseBoolean, parseInteger, parseNumber, picklistMatcher } from './values.ts';

const ok = <T>(value: T | null) => ({ ok: true, value });
const date = (text: string, order: DateOrder = 'dmy', allowNoYear = true) => parseDate(text, { order, allowNoYear });

describe('text', () => {
  it('trims, turns CRLF and CR into LF, drops NUL and control characters but keeps tabs and line breaks', () => {
    expect(cleanText('  a\r\nb\rc\u0000d\u0007e\tf\n  ')).toBe('a\nb\nc' + 'de\tf');
    expect(cleanText('Tue–Thu “Q3”')).toBe('Tue–Thu “Q3”');
  });
  it('writes number cells without exponent and typed cells as text', () => {
    expect(cellText(40256555112)).toBe('40256555112');
    expect(cellText(5234500.75)).toBe('5234500.75');
    expect(cellText(true)).toBe('true');
    expect(cellText({ date: '2012-05-14' })).toBe('2012-05-14');
    expect(cellText(null)).toBe('');
  });
});

describe('numbers', () => {
  it.each([
    ['38500000', 38500000],
    ['5.234.500,75', 5234500.75],
    ['5,234,500.75', 5234500.75],
    ['1 234,5', 1234.5],
    ['1\u00A0234,5', 1234.5],
    ['€ 1.234,50', 1234.5],
    ['$38,500,000', 38500000],
    ['1,5', 1.5],
    ['1,234', 1234],
    ['-12.5', -12.5],
    ["1'234.50", 1234.5],
    ['780000.5', 780000.5],
  ])('%s is %d', (text, n) => expect(parseNumber(text)).toEqual(ok(n)));
  it('takes number cells as they are and empty as no value', () => {
    expect(parseNumber(240)).toEqual(ok(240));
    expect(parseNumber('  ')).toEqual(ok(null));
    expect(parseNumber(null)).toEqual(ok(null));
  });
  it('refuses what is not a number', () => {
    expect(parseNumber('about 40')).toEqual({ ok: false, code: 'number' });
    expect(parseNumber('1.2.3,4,5')).toEqual({ ok: false, code: 'number' });
    expect(parseNumber(true)).toEqual({ ok: false, code: 'number' });
  });
  it('wants whole numbers where the field is an integer', () => {
    expect(parseInteger('240')).toEqual(ok(240));
    expect(parseInteger('12,5')).toEqual({ ok: false, code: 'whole_number' });
  });
});

describe('booleans', () => {
  it.each(['true', 'TRUE', 'yes', 'Ja', 'da', '是', '1', 'x', 'X'])('%s is true', (t) => expect(parseBoolean(t)).toEqual(ok(true)));
  it.each(['false', 'no', 'Nein', 'nu', '否', '0'])('%s is false', (t) => expect(parseBoolean(t)).toEqual(ok(false)));
  it('takes typed cells and refuses other words', () => {
    expect(parseBoolean(true)).toEqual(ok(true));
    expect(parseBoolean(0)).toEqual(ok(false));
    expect(parseBoolean('')).toEqual(ok(null));
    expect(parseBoolean('maybe')).toEqual({ ok: false, code: 'boolean' });
  });
});

describe('dates', () => {
  it('reads the forms programs write', () => {
    expect(date('3/14/1975', 'mdy')).toEqual(ok('1975-03-14'));
    expect(date('07.09.1968', 'dmy')).toEqual(ok('1968-09-07'));
    expect(date('2025-01-14')).toEqual(ok('2025-01-14'));
    expect(date('2024-01-10T08:10:03.000Z')).toEqual(ok('2024-01-10'));
    expect(date('2024-01-10 09:10:00')).toEqual(ok('2024-01-10'));
    expect(date('--05-17')).toEqual(ok('--05-17'));
    expect(date('1975年3月14日')).toEqual(ok('1975-03-14'));
    expect(date('14 March 1975')).toEqual(ok('1975-03-14'));
    expect(date('March 14, 1975')).toEqual(ok('1975-03-14'));
    expect(date('19750314')).toEqual(ok('1975-03-14'));
    expect(parseDate({ date: '1980-07-05' }, { order: 'dmy', allowNoYear: false })).toEqual(ok('1980-07-05'));
    expect(parseDate(29407, { order: 'dmy', allowNoYear: false })).toEqual(ok('1980-07-05'));
  });
  it('reads Outlook fillers as no date', () => {
    for (const filler of ['0/0/00', '0/0/0000', '1/1/1601', '1/1/4501', '']) expect(date(filler, 'mdy')).toEqual(ok(null));
  });
  it('lets an unambiguous date win over the file order, and refuses impossible dates', () => {
    expect(date('14/3/1975', 'mdy')).toEqual(ok('1975-03-14'));
    expect(date('3/14/1975', 'dmy')).toEqual(ok('1975-03-14'));
    expect(date('03/04/2020', 'dmy')).toEqual(ok('2020-04-03'));
    expect(date('03/04/2020', 'mdy')).toEqual(ok('2020-03-04'));
    expect(date('31.02.2020')).toEqual({ ok: false, code: 'date' });
    expect(date('soon')).toEqual({ ok: false, code: 'date' });
  });
  it('takes a month and day without a year only where allowed (a birthday)', () => {
    expect(date('--02-29')).toEqual(ok('--02-29'));
    expect(date('--05-17', 'dmy', false)).toEqual({ ok: false, code: 'date' });
    expect(date('1604-11-23')).toEqual(ok('--11-23'));
  });
  it('guesses the order of a file', () => {
    expect(guessDateOrder(['3/1/1980', '11/2/1981', '3/14/1975'])).toBe('mdy');
    expect(guessDateOrder(['3/1/1980', '14/3/1975'])).toBe('dmy');
    expect(guessDateOrder(['07.09.1968'])).toBe('dmy');
    expect(guessDateOrder(['03/04/2020'], { layout: 'outlook' })).toBe('mdy');
    expect(guessDateOrder(['03/04/2020'], { language: 'de' })).toBe('dmy');
    expect(guessDateOrder(['01-02-2020'])).toBe('dmy');
  });
});

describe('names', () => {
  it('splits whole names as their culture writes them', () => {
    expect(splitFullName('Petra Novak')).toEqual({ salutation: null, firstName: 'Petra', lastName: 'Novak' });
    expect(splitFullName('Novak, Petra')).toEqual({ salutation: null, firstName: 'Petra', lastName: 'Novak' });
    expect(splitFullName('王伟')).toEqual({ salutation: null, firstName: '伟', lastName: '王' });
    expect(splitFullName('欧阳晨')).toEqual({ salutation: null, firstName: '晨', lastName: '欧阳' });
    expect(splitFullName('司马相如')).toEqual({ salutation: null, firstName: '相如', lastName: '司马' });
    expect(splitFullName('王喆')).toEqual({ salutation: null, firstName: '喆', lastName: '王' });
    expect(splitFullName('山田 花子')).toEqual({ salutation: null, firstName: '花子', lastName: '山田' });
    expect(splitFullName('Dr. Anna Maria Huber')).toEqual({ salutation: 'dr', firstName: 'Anna Maria', lastName: 'Huber' });
    expect(splitFullName('Youssef El Amrani')).toEqual({ salutation: null, firstName: 'Youssef', lastName: 'El Amrani' });
    expect(splitFullName('Ludwig van Beethoven')).toEqual({ salutation: null, firstName: 'Ludwig', lastName: 'van Beethoven' });
    expect(splitFullName('Marcus O\'Neill Jr.')).toEqual({ salutation: null, firstName: 'Marcus', lastName: "O'Neill Jr." });
    expect(splitFullName('Madonna')).toEqual({ salutation: null, firstName: null, lastName: 'Madonna' });
  });
  it('knows salutations in several languages', () => {
    expect(['Mr.', 'Herr', 'Dl.', 'M.', 'Sr.', '先生'].map(matchSalutation)).toEqual(['mr', 'mr', 'mr', 'mr', 'mr', 'mr']);
    expect(['Ms.', 'Frau', 'Dna.', 'Pani'].map(matchSalutation)).toEqual(['ms', 'ms', 'ms', 'ms']);
    expect(['Mrs', 'Sra.', 'Dr.', 'Prof.'].map(matchSalutation)).toEqual(['mrs', 'mrs', 'dr', 'prof']);
    expect(matchSalutation('Excellency')).toBeNull();
  });
});

describe('contact points and tags', () => {
  it('splits several e-mails in one cell and reads display forms', () => {
    expect(splitEmails('a@x.example ::: b@x.example')).toEqual(['a@x.example', 'b@x.example']);
    expect(splitEmails('a@x.example; b@x.example,c@x.example')).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
    expect(splitEmails('Eleanor Whitcombe (eleanor@hf.example)')).toEqual(['eleanor@hf.example']);
    expect(emailAddress('"Anna" <anna@x.example>')).toBe('anna@x.example');
    expect(emailAddress('mailto:PRIYA.R@LumenDynamics.example')).toBe('PRIYA.R@LumenDynamics.example');
  });
  it('splits phones on commas only between whole numbers', () => {
    expect(splitPhones('+420 519 555 101, +420 519 555 102')).toEqual(['+420 519 555 101', '+420 519 555 102']);
    expect(splitPhones('+40 21 310 4455 ::: +40 21 310 4456')).toEqual(['+40 21 310 4455', '+40 21 310 4456']);
    expect(splitPhones('+49 711 555,0')).toEqual(['+49 711 555,0']);
    expect(splitPhones('555-1234,,2')).toEqual(['555-1234,,2']);
  });
  it('reads labels: a star marks the primary, known words become keys, others stay as written', () => {
    expect(parseLabel('* Work')).toEqual({ label: 'work', primary: true });
    expect(parseLabel('Mobile')).toEqual({ label: 'mobile', primary: false });
    expect(parseLabel('Geschäftlich')).toEqual({ label: 'Geschäftlich', primary: false });
    expect(parseLabel('手机')).toEqual({ label: '手机', primary: false });
    expect(parseLabel('Büro')).toEqual({ label: 'Büro', primary: false });
    expect(parseLabel('Hotline')).toEqual({ label: 'Hotline', primary: false });
    expect(parseLabel('')).toEqual({ label: '', primary: false });
  });
  it('drops Google system groups from tags', () => {
    expect(splitTags('* myContacts ::: Clienți ::: * starred')).toEqual(['Clienți']);
    expect(splitTags('Key Customer;Events')).toEqual(['Key Customer', 'Events']);
    expect(splitTags('Customer, VIP')).toEqual(['Customer', 'VIP']);
    expect(splitTags('System Group: My Contacts ::: Friends')).toEqual(['Friends']);
  });
});

describe('picklists', () => {
  it('matches labels and keys case- and accent-insensitively, and synonyms', () => {
    const match = picklistMatcher(['food_beverage', 'real_estate', 'web_form'], { 'web site': 'web_form' });
    expect(match('Food & Beverage')).toBe('food_beverage');
    expect(match('REAL ESTATE')).toBe('real_estate');
    expect(match('Web Site')).toBe('web_form');
    expect(match('Wholesale')).toBeNull();
  });
});
