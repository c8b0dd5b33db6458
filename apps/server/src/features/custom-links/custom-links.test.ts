import { describe, expect, it } from 'vitest';
import type { CustomLink } from '@kontor/contract/custom-links';
import { useHarness } from '../../test/harness.ts';

const { h, admin } = useHarness();

describe('custom links', () => {
  it('are defined by administrators with known placeholders, listed for everyone, edited with a version, deleted', async () => {
    const created = await admin.post('/api/v1/custom-links', { module: 'accounts', label: 'Map', urlTemplate: 'https://maps.example/?q={billingCity}' });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json<CustomLink>();
    expect(link).toMatchObject({ module: 'accounts', label: 'Map', position: 0, version: 1 });
    const second = await admin.post('/api/v1/custom-links', { module: 'accounts', label: 'Register', urlTemplate: 'https://register.example/{name}/{billingAddress.country}' });
    expect(second.json<CustomLink>().position).toBe(1);

    const sales = await h.client('sales');
    const listed = (await sales.get('/api/v1/custom-links?module=accounts')).json<{ data: CustomLink[]; placeholders: Record<string, string[]> }>();
    expect(listed.data.map((l) => l.label)).toEqual(['Map', 'Register']);
    expect(listed.placeholders.accounts).toEqual(expect.arrayContaining(['name', 'billingCity', 'billingAddress.city', 'email', 'id']));
    expect((await sales.post('/api/v1/custom-links', { module: 'accounts', label: 'Mine', urlTemplate: 'https://x.example/' })).statusCode).toBe(403);
    expect((await sales.delete(`/api/v1/custom-links/${link.id}`)).statusCode).toBe(403);

    const edited = await admin.patch(`/api/v1/custom-links/${link.id}`, { label: 'Map it', version: link.version });
    expect(edited.json<CustomLink>()).toMatchObject({ label: 'Map it', version: 2 });
    expect((await admin.patch(`/api/v1/custom-links/${link.id}`, { label: 'Stale', version: link.version })).statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/custom-links/${link.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/custom-links/${link.id}`)).statusCode).toBe(404);
  });

  it('refuse unknown placeholders, other schemes and hostile values, storing nothing', async () => {
    const before = (await admin.get('/api/v1/custom-links')).json<{ data: CustomLink[] }>().data.length;
    for (const body of [
      { module: 'accounts', label: 'x', urlTemplate: 'https://x.example/{password}' },
      { module: 'accounts', label: 'x', urlTemplate: 'javascript:alert(1)' },
      { module: 'accounts', label: 'x', urlTemplate: 'https://{name}.example/' },
      { module: 'contacts', label: 'x', urlTemplate: 'https://x.example/{billingCity}' },
      { module: 'planets', label: 'x', urlTemplate: 'https://x.example/' },
      { module: 'accounts', label: 'x\u0000', urlTemplate: 'https://x.example/' },
      { module: 'accounts', label: 'x', urlTemplate: 'https://x.example/', position: 2 ** 31 },
      { module: 'accounts', label: '', urlTemplate: 'https://x.example/' },
    ]) {
      expect((await admin.post('/api/v1/custom-links', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.get('/api/v1/custom-links')).json<{ data: CustomLink[] }>().data).toHaveLength(before);
    expect((await admin.patch('/api/v1/custom-links/99999999999', { label: 'x', version: 1 })).statusCode).toBe(400);
    expect((await admin.get('/api/v1/custom-links?module=planets')).statusCode).toBe(400);
  });
});

describe('preferences', () => {
  it('keep each user\'s related-list arrangement and refuse values of the wrong shape', async () => {
    const me = await h.client('sales');
    expect((await me.get('/api/v1/me/preferences')).json()).toEqual({ data: {} });
    const value = { order: ['timeline', 'notes', 'contacts'], hidden: ['files'] };
    const saved = await me.put('/api/v1/me/preferences/relatedLists.accounts', { value });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ data: { 'relatedLists.accounts': value } });
    expect((await admin.get('/api/v1/me/preferences')).json()).toEqual({ data: {} });
    for (const [key, bad] of [
      ['relatedLists.accounts', { order: 'timeline' }],
      ['relatedLists.accounts', { order: [], hidden: [], extra: 1 }],
      ['relatedLists.accounts', { order: ['<script>'], hidden: [] }],
      ['relatedLists.accounts', { order: Array.from({ length: 31 }, () => 'a'), hidden: [] }],
      ['theme', { order: [], hidden: [] }],
    ] as const) {
      expect((await me.put(`/api/v1/me/preferences/${key}`, { value: bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await me.get('/api/v1/me/preferences')).json()).toEqual({ data: { 'relatedLists.accounts': value } });
  });
});
