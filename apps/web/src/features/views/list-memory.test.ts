import { beforeEach, describe, expect, it } from 'vitest';
import { listHrefOf, listModuleOf, rememberLocation, rememberScroll, requestScrollRestore, resetListMemory, restoreStep } from './list-memory';

beforeEach(() => resetListMemory());

describe('the list a record page goes back to', () => {
  it('knows the list paths of each module, not record pages', () => {
    expect(listModuleOf('/accounts')).toBe('accounts');
    expect(listModuleOf('/accounts/board')).toBe('accounts');
    expect(listModuleOf('/activities/list')).toBe('activities');
    expect(listModuleOf('/accounts/12')).toBeNull();
    expect(listModuleOf('/settings/users')).toBeNull();
  });

  it('is the list as the user left it: path and search, the board or the table', () => {
    expect(listHrefOf('accounts')).toBe('/accounts');
    rememberLocation({ pathname: '/accounts', href: '/accounts?sort=-createdAt&letter=A' });
    rememberLocation({ pathname: '/accounts/7', href: '/accounts/7' });
    expect(listHrefOf('accounts')).toBe('/accounts?sort=-createdAt&letter=A');
    rememberLocation({ pathname: '/accounts/board', href: '/accounts/board?tag=vip' });
    expect(listHrefOf('accounts')).toBe('/accounts/board?tag=vip');
    expect(listHrefOf('contacts')).toBe('/contacts');
  });

  it('scrolls back after the breadcrumb, in steps while rows load, and gives up on what cannot be reached', () => {
    rememberLocation({ pathname: '/contacts', href: '/contacts?q=ann' });
    rememberScroll('contacts', 1900);
    // the same list again keeps its offset; another filter starts at the top
    rememberLocation({ pathname: '/contacts', href: '/contacts?q=ann' });
    requestScrollRestore('contacts', 1000);
    expect(restoreStep('contacts', { scrollTop: 0, scrollHeight: 1200, clientHeight: 600 }, 1100)).toBe(1900);
    expect(restoreStep('contacts', { scrollTop: 600, scrollHeight: 3000, clientHeight: 600 }, 1200)).toBe(1900);
    expect(restoreStep('contacts', { scrollTop: 1900, scrollHeight: 3000, clientHeight: 600 }, 1300)).toBeNull();

    requestScrollRestore('contacts', 5000);
    expect(restoreStep('contacts', { scrollTop: 0, scrollHeight: 700, clientHeight: 600 }, 20_000)).toBeNull();

    rememberLocation({ pathname: '/contacts', href: '/contacts?q=bob' });
    requestScrollRestore('contacts');
    expect(restoreStep('contacts', { scrollTop: 0, scrollHeight: 3000, clientHeight: 600 })).toBeNull();
  });
});
