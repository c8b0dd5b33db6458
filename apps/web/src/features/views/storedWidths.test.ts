import { describe, expect, it } from 'vitest';
import { parseStoredWidths } from './storedWidths';

describe('parseStoredWidths', () => {
  it('reads widths a resize stored', () => {
    expect(parseStoredWidths('{"name":320,"primaryEmail":180}')).toEqual({ name: 320, primaryEmail: 180 });
  });
  it('forgets anything else: missing, not JSON, out of range, not whole pixels', () => {
    expect(parseStoredWidths(undefined)).toEqual({});
    expect(parseStoredWidths('{name:')).toEqual({});
    expect(parseStoredWidths('{"name":5}')).toEqual({});
    expect(parseStoredWidths('{"name":99999}')).toEqual({});
    expect(parseStoredWidths('{"name":120.5}')).toEqual({});
    expect(parseStoredWidths('[1,2]')).toEqual({});
  });
});
