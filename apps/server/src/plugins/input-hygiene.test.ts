import { describe, expect, it } from 'vitest';
import { findHostileInput, MAX_INPUT_DEPTH } from './input-hygiene.ts';

const nest = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('findHostileInput', () => {
  it('passes ordinary input', () => {
    expect(findHostileInput({ name: 'Acme', tags: ['a', 'b'], billingAddress: { city: 'Köln' }, n: 1, ok: true, x: null })).toBeNull();
    expect(findHostileInput(undefined)).toBeNull();
    expect(findHostileInput(nest(MAX_INPUT_DEPTH))).toBeNull();
  });
  it('names the field holding a NUL, in a value or in a key', () => {
    expect(findHostileInput({ emails: [{ value: 'a\u0000@x.io' }] })).toEqual(['emails.0.value', { code: 'nul', message: 'must not contain a NUL character' }]);
    expect(findHostileInput({ customFields: { ['k\u0000']: 1 } })).toEqual(['customFields', { code: 'nul', message: 'must not contain a NUL character' }]);
    expect(findHostileInput('\u0000')).toEqual(['_', { code: 'nul', message: 'must not contain a NUL character' }]);
  });
  it('refuses nesting deeper than the limit without recursion (100,000 levels)', () => {
    expect(findHostileInput(nest(MAX_INPUT_DEPTH + 1))?.[1]).toEqual({ code: 'too_deep', params: { max: MAX_INPUT_DEPTH }, message: `nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` });
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(findHostileInput(deep)?.[1]?.code).toBe('too_deep');
  });
});
