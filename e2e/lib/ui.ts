import type { Locator, Page } from 'playwright-core';

/** Waits until the locator's text contains `expected` (or matches it). */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string;
  for (;;) {
    last = (await locator.first().textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(locator)} to contain ${String(expected)}, got "${last.slice(0, 200)}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function expectVisible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function expectHidden(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

export async function expectUrl(page: Page, re: RegExp, timeout = 10_000): Promise<void> {
  await page.waitForURL(re, { timeout });
}

/** Opens a Mantine Select (by its input's test id) and picks the option with this label. */
export async function pick(page: Page, testId: string, option: string | RegExp, search?: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  if (search !== undefined) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

export async function login(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export const saveShortcut = (page: Page) => page.keyboard.press('Control+Enter');

/** Ends whatever session the page has and logs in as someone else; resolves once the app shows. */
export async function loginAs(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, baseUrl, email, password);
  await page.getByTestId('nav-accounts').waitFor({ state: 'visible' });
}

/** Switches the interface language with the sidebar's switcher (stored on the user). */
export async function switchLanguage(page: Page, locale: string): Promise<void> {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-${locale}`).click();
}

/** Drags with the mouse as a user does (press, move a little so the drag starts, move to the target, release). */
export async function drag(page: Page, source: Locator, target: () => Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error('the card to drag is not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height - 4, { steps: 4 });
  const to = await target().boundingBox();
  if (!to) throw new Error('the drop target is not on screen');
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 12 });
  await page.mouse.up();
}
