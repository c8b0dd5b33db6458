/** The hostile values the sweep sends (hostile-sweep.test.ts): ids, text, JSON, whole bodies and forged cursors. */

// ---------------------------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------------------------

export const NUL = 'a\u0000b';
/** Ids the database cannot hold, or that are not ids at all: a path or filter id with any of these is a 400. */
export const badIds = ['2147483648', '9223372036854775808', '99999999999999999999', '-1', '0', '1.5', 'abc', '1e3', ' 1', NUL];
/** Text hostile anywhere: every one is a string a client can send in a path, a query or a body. */
export const hostileStrings = [...badIds, 'x'.repeat(10_000), '\u200b\u200b\u200b', '\u202egnp.exe', 'NaN', 'Infinity', 'true', 'null', ' '];
export const deep = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
export const DEEP = deep(100);
/** JSON values for body properties: the strings above plus numbers out of every range, wrong types and containers. */
export const hostileJson: unknown[] = [
  ...hostileStrings,
  2147483648,
  2 ** 63,
  1e308,
  -1e308,
  -1,
  0,
  1.5,
  true,
  false,
  null,
  [],
  [NUL],
  ['2147483648'],
  [2147483648],
  [null],
  {},
  { a: NUL },
  { [NUL]: 1 },
  { a: { b: { c: 1 } } },
  DEEP,
];
export const hundredKDeep = '['.repeat(100_000) + ']'.repeat(100_000);
/** Whole request bodies: raw text with a JSON content type. */
export const hostileBodies: string[] = [
  hundredKDeep,
  '{"a":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_001),
  '"abc"',
  'null',
  'true',
  '1e308',
  '[]',
  '[{}]',
  '{',
  '{"a":"\\u0000"}',
  '{"\\u0000":1}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  JSON.stringify({ x: 'y'.repeat(10_000) }),
];

export const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** Forged keyset cursors: each is refused (400, fields.cursor) on every list, whatever the sort. */
export const forgedCursors = [
  b64(['a', 2147483648]),
  b64('["a",9223372036854775808]'),
  b64(['a', -1]),
  b64(['a', 0]),
  b64(['a', 1.5]),
  b64(['a', '1']),
  b64([1, 2147483648]),
  b64([NUL, 1]),
  b64([null, 1]),
  b64([[], 1]),
  b64([{}, 1]),
  b64('[1e400, 1]'),
  b64(['a', 1, 2]),
  b64([1]),
  b64('"x"'),
  b64('{"0":"a","1":1}'),
  b64('null'),
  b64('not json'),
  '!!!not-base64!!!',
  'x'.repeat(499),
];
/** Cursors of the wrong kind for some sort columns: refused where the kind is wrong, below 500 everywhere. */
export const kindCursors = [b64(['abc', 1]), b64([1, 1]), b64([1.5, 1]), b64([1e308, 1]), b64('[9007199254740993,1]'), b64(['x'.repeat(1001), 1]), b64(['2025-01-01T00:00:00.000Z', 1])];
