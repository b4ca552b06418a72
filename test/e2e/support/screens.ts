import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import path from 'node:path';

const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

/** Saves a screenshot as a test artefact (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Let antd's motion settle so the picture shows the screen, not a transition.
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** axe-core over the whole page: no serious or critical violation of WCAG 2.1 A/AA. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `accessibility of ${screen}`).toEqual([]);
}

/** Checks a screen for accessibility and keeps its picture. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, name);
}
