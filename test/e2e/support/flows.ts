import { expect, type Locator, type Page } from '@playwright/test';

/** Signs in on the unlock screen (Vietnamese labels) and waits for the app or the password-change screen. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await page.getByLabel('Tên tài khoản', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(page.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeHidden({ timeout: 20_000 });
}

/**
 * Ctrl+L in the middle of something typed: the unlock screen, nothing of `typed` left in the page, and the
 * account's own sign-in again.
 */
export async function lockAndUnlock(
  page: Page,
  who: { username: string; password: string },
  typed: string,
): Promise<void> {
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(typed);
  await signIn(page, who.username, who.password);
}

/** The sidebar's entries, in order. */
export async function navigationEntries(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  return (await nav.getByRole('menuitem').allInnerTexts()).map((s) => s.trim());
}

/**
 * Picks an option of an antd Select. antd draws the visible options without the option role (those belong
 * to a hidden list for screen readers), so the visible entry is found by its title.
 */
export async function chooseOption(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
  // A click that lands while a dialog is still zooming in can be lost (the list stays open): open and pick
  // again until the list closes on the choice.
  await expect(async () => {
    if (!(await dropdown.isVisible())) await field.click();
    // A long list (a province's communes) is virtual: only the options near the top are drawn. When the
    // option is not drawn, a searchable select is narrowed to it, as an officer would type it.
    const drawn = await item.waitFor({ state: 'visible', timeout: 1_500 }).then(
      () => true,
      () => false,
    );
    const typed = !drawn && typeof option === 'string' && (await isSearchInput(field));
    if (typed) await field.fill(option);
    try {
      await item.click({ timeout: 3_000 });
    } catch (error) {
      if (typed) await field.fill('').catch(() => undefined);
      throw error;
    }
    await expect(dropdown).toBeHidden({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

async function isSearchInput(field: Locator): Promise<boolean> {
  return field
    .evaluate((el) => {
      const input = el as unknown as { tagName: string; readOnly?: boolean };
      return input.tagName === 'INPUT' && input.readOnly === false;
    })
    .catch(() => false);
}
