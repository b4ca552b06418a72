import { expect, type Locator, type Page } from '@playwright/test';
import type { HosoServer } from './hoso-server';
import { chooseOption } from './flows';
import { checkScreen, screenshot } from './screens';

/** The sidebar entry of investigations, then one of its tabs. */
export async function openInvestigations(
  page: Page,
  tab?: 'Thời hạn' | 'Tin báo' | 'Vụ án' | 'Tụ điểm',
): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Điều tra', { exact: true }).click();
  const tabs = page.getByRole('navigation', { name: 'Các mục điều tra' });
  // The sidebar does not close screens opened over the lists: go back down to them.
  for (let i = 0; i < 6 && !(await tabs.isVisible()); i++) {
    await page.getByRole('main').getByRole('button', { name: 'Quay lại' }).click();
  }
  await expect(tabs).toBeVisible();
  if (tab) await tabs.getByText(tab, { exact: true }).click();
}

/** Picks an option of a Select inside a dialog or form. */
export const choose = chooseOption;

/** Types a date (dd/mm/yyyy) into an antd date picker and commits it by leaving the field. */
export async function typeDate(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await field.fill(text);
  await field.press('Tab');
  await expect(field).toHaveValue(text);
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toHaveCount(0);
}

/** Asks the host directly with the page's own session, as a curious user with the developer tools would. */
export function askHost(
  page: Page,
  hoso: HosoServer,
  procedure: string,
  input: unknown,
): Promise<{ ok: boolean; error?: { code: string } }> {
  return page.evaluate(
    async ({ token, procedure, input }) => {
      const r = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hoso-token': token },
        body: JSON.stringify({ procedure, input }),
      });
      return (await r.json()) as { ok: boolean; error?: { code: string } };
    },
    { token: hoso.token, procedure, input },
  );
}

/**
 * Keeps a picture of the screen at 1366×768 and at 1024×768 (the sidebar folds to icons there), checking
 * accessibility at the first size; the window is put back to where it was.
 */
export async function pictures(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.setViewportSize({ width: 1366, height: 768 });
  await checkScreen(page, `inv-${name}-1366`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(400);
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, `inv-${name}-1024`);
  if (before) await page.setViewportSize(before);
}
