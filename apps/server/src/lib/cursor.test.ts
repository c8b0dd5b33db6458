/** Keyset cursors are checked against the sort column's kind before they reach the database. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor, type CursorKind } from './cursor.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const refused = (cursor: string, kind: CursorKind) => {
  try {
    decodeCursor(cursor, kind);
  } catch (e) {
    return e instanceof AppError && e.code === 'validation_failed' && e.fields?.cursor !== undefined;
  }
  return false;
};

describe('decodeCursor', () => {
  it.each([
    ['text', 'müller anna', 7],
    ['text', '', 1],
    ['text', '2025-01-01T00:00:00.000Z', 2147483647],
    ['number', 1234.5, 3],
    ['number', -1, 3],
    ['integer', 9_999_999_999, 4],
    ['integer', -1, 4],
  ] as const)('reads back a %s cursor (%j, %i)', (kind, value, id) => {
    expect(decodeCursor(encodeCursor(value, id), kind)).toEqual({ value, id });
  });

  it.each([
    ['id above 2^31-1', b64('["a",2147483648]'), 'text'],
    ['id beyond 2^63', b64('["a",9223372036854775808]'), 'text'],
    ['id 0', b64('["a",0]'), 'text'],
    ['id -1', b64('["a",-1]'), 'text'],
    ['fractional id', b64('["a",1.5]'), 'text'],
    ['id as a string', b64('["a","1"]'), 'text'],
    ['number for a text column', b64('[1,1]'), 'text'],
    ['NUL in the value', b64('["a\\u0000b",1]'), 'text'],
    ['text longer than any sort key', b64(JSON.stringify(['x'.repeat(1001), 1])), 'text'],
    ['null value', b64('[null,1]'), 'text'],
    ['array value', b64('[[],1]'), 'text'],
    ['text for a number column', b64('["abc",1]'), 'number'],
    ['infinity (1e400)', b64('[1e400,1]'), 'number'],
    ['text for an integer column', b64('["1",1]'), 'integer'],
    ['fraction for an integer column', b64('[1.5,1]'), 'integer'],
    ['integer beyond 2^53 (bigint range)', b64('[1e19,1]'), 'integer'],
    ['three elements', b64('["a",1,2]'), 'text'],
    ['one element', b64('[1]'), 'text'],
    ['an object', b64('{"0":"a","1":1}'), 'text'],
    ['a string', b64('"x"'), 'text'],
    ['not JSON', b64('not json'), 'text'],
    ['not base64', '!!!', 'text'],
    ['empty', '', 'text'],
  ] as const)('refuses %s', (_label, cursor, kind) => {
    expect(refused(cursor, kind)).toBe(true);
  });
});
