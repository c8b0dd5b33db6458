import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { RecordAvatar, UserAvatar } from './RecordAvatar';

const render = (el: ReactElement) => renderToStaticMarkup(createElement(MantineProvider, null, el));
/** The text inside the avatar's placeholder. */
const shown = (html: string) => html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '').trim();

describe('RecordAvatar', () => {
  it('shows an organisation initials from its distinctive words', () => {
    const html = render(createElement(RecordAvatar, { name: 'Müller & Söhne GmbH', photoUrl: null, kind: 'organization' }));
    expect(html).toContain('data-initials="MS"');
    expect(shown(html)).toBe('MS');
    expect(shown(render(createElement(RecordAvatar, { name: '北京字节跳动科技有限公司', photoUrl: null, kind: 'organization' })))).toBe('北京');
  });

  it('shows a person initials, a CJK person the family name', () => {
    expect(shown(render(createElement(RecordAvatar, { name: 'Anna Schmidt', photoUrl: null })))).toBe('AS');
    expect(shown(render(createElement(RecordAvatar, { name: '李丹', photoUrl: null })))).toBe('李');
    // Without the kind, a company is read as a person: "The Boring Company" -> TC, not BC.
    expect(shown(render(createElement(RecordAvatar, { name: 'The Boring Company', photoUrl: null })))).toBe('TC');
  });

  it('gives users the person rule', () => {
    expect(shown(render(createElement(UserAvatar, { name: 'Ludwig van Beethoven', size: 24 })))).toBe('LB');
    expect(shown(render(createElement(UserAvatar, { name: '王小明', size: 24 })))).toBe('王');
  });
});
