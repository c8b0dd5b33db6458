import { describe, expect, it } from 'vitest';
import { captionBeside, infoFieldsBeside, isCardField } from './sidebar-fields';

const accountInfo = ['name', 'ownerId', 'parentAccountId', 'accountType', 'industry', 'ownership', 'rating', 'employees', 'annualRevenue', 'website', 'phone', 'fax', 'contactType'];

describe('each value once on a record page (issue #14)', () => {
  it('keeps contact points and the contact type out of the business card', () => {
    expect(['website', 'phone', 'primaryEmail', 'primaryPhone', 'contactType'].filter(isCardField)).toEqual([]);
    expect(['industry', 'ownerId', 'accountId', 'customFields.tier'].every(isCardField)).toBe(true);
  });

  it('leaves out of Info what the sidebar and the contact points show', () => {
    const card = ['website', 'phone', 'industry', 'accountType', 'ownerId'];
    expect(infoFieldsBeside(accountInfo, card)).toEqual(['name', 'parentAccountId', 'ownership', 'rating', 'employees', 'annualRevenue', 'fax']);
    // The owner is in the sidebar even when the card does not name it; nothing else is dropped then.
    expect(infoFieldsBeside(accountInfo, [])).toEqual(['name', 'parentAccountId', 'accountType', 'industry', 'ownership', 'rating', 'employees', 'annualRevenue', 'fax']);
  });

  it('gives every listed field exactly one place: card, sidebar, contact points or Info', () => {
    const card = ['industry', 'contactType', 'phone', 'employees'];
    const info = infoFieldsBeside(accountInfo, card);
    const inCard = card.filter(isCardField);
    for (const f of accountInfo) {
      const places = [info.includes(f), inCard.includes(f), f === 'ownerId' && !inCard.includes(f), f === 'contactType', f === 'phone' || f === 'website'].filter(Boolean);
      expect(places, f).toHaveLength(1);
    }
  });

  it('leaves out of the caption what the card shows below it', () => {
    const parts = [['position', 'Head of Purchasing'], ['accountId', 'Nordlicht GmbH']] as const;
    expect(captionBeside(parts, ['accountId', 'ownerId'])).toBe('Head of Purchasing');
    expect(captionBeside(parts, [])).toBe('Head of Purchasing · Nordlicht GmbH');
    expect(captionBeside([['industry', null], ['billingAddress', 'Hamburg']], ['industry'])).toBe('Hamburg');
  });
});
