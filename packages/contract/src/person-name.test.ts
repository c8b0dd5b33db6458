import { describe, expect, it } from 'vitest';
import { isCjkName, isCjkText, personName } from './person-name.ts';

describe('personName', () => {
  it.each([
    [{ firstName: '丹', lastName: '李' }, '李丹'],
    [{ firstName: '小明', lastName: '王' }, '王小明'],
    [{ firstName: '修', lastName: '欧阳' }, '欧阳修'],
    [{ firstName: '太郎', lastName: '山田' }, '山田太郎'],
    [{ firstName: 'さくら', lastName: '佐藤' }, '佐藤さくら'],
    [{ firstName: '민준', lastName: '김' }, '김민준'],
    [{ firstName: ' 丹 ', lastName: ' 李 ' }, '李丹'],
    [{ firstName: 'Anna', lastName: 'Schmidt' }, 'Anna Schmidt'],
    [{ firstName: 'Ștefan', lastName: 'Popescu' }, 'Ștefan Popescu'],
    [{ firstName: 'Ludwig', lastName: 'van Beethoven' }, 'Ludwig van Beethoven'],
    [{ firstName: 'Дмитрий', lastName: 'Иванов' }, 'Дмитрий Иванов'],
    // Mixed scripts are not written family name first.
    [{ firstName: 'Anna', lastName: '李' }, 'Anna 李'],
    [{ firstName: '丹', lastName: 'Li' }, '丹 Li'],
    // One part, or none.
    [{ firstName: null, lastName: '李' }, '李'],
    [{ firstName: '丹' }, '丹'],
    [{ firstName: null, lastName: 'Schmidt' }, 'Schmidt'],
    [{ firstName: 'Anna', lastName: null }, 'Anna'],
    [{ firstName: '', lastName: '  ' }, ''],
    [{}, ''],
  ])('%j -> %s', (parts, expected) => {
    expect(personName(parts)).toBe(expected);
  });

  it('tells CJK names by their letters, ignoring spaces, digits and dots', () => {
    expect(isCjkText('李 丹')).toBe(true);
    expect(isCjkText('阿卜杜·热合曼')).toBe(true);
    expect(isCjkText('ジョン・スミス')).toBe(true);
    expect(isCjkText('123')).toBe(false);
    expect(isCjkText('')).toBe(false);
    expect(isCjkText('李 Anna')).toBe(false);
    expect(isCjkName({ firstName: '丹', lastName: '李' })).toBe(true);
    expect(isCjkName({ firstName: 'Dan', lastName: 'Li' })).toBe(false);
  });
});
