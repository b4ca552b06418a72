import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import path from 'node:path';

const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

/** What settle() reads of the page (the tests are typed without the DOM library). */
interface Motion {
  document: {
    getAnimations(): {
      effect: { getComputedTiming(): { endTime?: number | string } } | null;
      finished: Promise<unknown>;
    }[];
  };
}

/**
 * Waits until antd's motion has settled: every finite animation on the page has finished (a toast fading in or out
 * is half transparent, and axe would judge its contrast mid-fade). Spinners and other endless animations are left.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(350);
  await page.evaluate(async () => {
    const w = globalThis as unknown as Motion;
    const finite = w.document
      .getAnimations()
      .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Number.POSITIVE_INFINITY));
    await Promise.race([
      Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]);
  });
}

/** Saves a screenshot as a test artefact (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Let antd's motion settle so the picture shows the screen, not a transition.
  await settle(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * axe-core over the whole page: no serious or critical violation of WCAG 2.1 A/AA. A toast that starts to fade
 * while axe runs is judged mid-fade, so a finding is only reported if it is still there once motion has settled.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settle(page);
  let serious = await seriousViolations(page);
  if (serious.length > 0) {
    await settle(page);
    serious = await seriousViolations(page);
  }
  expect(serious, `accessibility of ${screen}`).toEqual([]);
}

/** Checks a screen for accessibility and keeps its picture. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, name);
}
