import { describe, expect, it } from 'vitest';
import { customLinkCreateSchema, resolveCustomLink } from './custom-links.ts';

describe('custom links', () => {
  const account = { id: '7', name: 'Müller & Söhne GmbH', billingAddress: { city: 'São Paulo', street: 'Rua 1' }, emails: [{ value: 'a@b.de', primary: true }] };

  it('put URL-encoded values into the template, by alias or path', () => {
    expect(resolveCustomLink('https://maps.example/?q={billingCity}', account)).toBe('https://maps.example/?q=S%C3%A3o%20Paulo');
    expect(resolveCustomLink('https://x.example/{billingAddress.street}/{id}?n={name}&e={email}', account)).toBe(
      'https://x.example/Rua%201/7?n=M%C3%BCller%20%26%20S%C3%B6hne%20GmbH&e=a%40b.de',
    );
    expect(resolveCustomLink('https://x.example/?q={missing}', account)).toBe('https://x.example/?q=');
  });

  it('never produce anything but http(s), even when a value tries to change the host or scheme', () => {
    expect(resolveCustomLink('https://x.example/{name}', { name: '../../@evil.com/x?y#z' })).toBe('https://x.example/..%2F..%2F%40evil.com%2Fx%3Fy%23z');
    expect(resolveCustomLink('{name}', { name: 'javascript:alert(1)' })).toBeNull();
  });

  it('accept only http(s) templates with placeholders in braces', () => {
    const ok = (urlTemplate: string) => customLinkCreateSchema.safeParse({ module: 'accounts', label: 'Map', urlTemplate }).success;
    expect(ok('https://maps.example/?q={billingCity}')).toBe(true);
    expect(ok('http://intranet.local/crm/{id}')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://x.example/', '//x.example/', 'https://', 'https://x.example/{bad', 'https://x.example/ space', 'data:text/html,hi', 'https://{name}/'])
      expect(ok(bad), bad).toBe(false);
  });
});
