import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { openPersons, PEOPLE, seedPersonsWorld } from './support/persons';
import { screenshot } from './support/screens';

const SIDEBAR_WIDTH = 248;

/**
 * The few browser types the page functions below use (this project is typed for Node, without the DOM).
 * The functions run in the page, where globalThis is the window.
 */
interface Rect {
  width: number;
  height: number;
  top: number;
}
interface Element {
  getBoundingClientRect(): Rect;
  querySelector(selector: string): Element;
  classList: { contains(name: string): boolean };
}
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    drawImage(img: Picture, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}
interface Picture {
  src: string;
  width: number;
  height: number;
  decode(): Promise<void>;
}
interface Browser {
  document: {
    querySelector(selector: string): Element;
    documentElement: { scrollHeight: number };
    createElement(tag: 'canvas'): Canvas;
  };
  innerHeight: number;
  scrollY: number;
  Image: new () => Picture;
}

/** The sidebar's box, the box of what is inside it, and the page's height. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const w = globalThis as unknown as Browser;
    const side = w.document.querySelector('.side-nav');
    const box = side.getBoundingClientRect();
    const panel = side.querySelector('.ant-layout-sider-children').getBoundingClientRect();
    return {
      width: box.width,
      height: box.height,
      panelTop: Math.abs(Math.round(panel.top)),
      panelHeight: panel.height,
      collapsed: side.classList.contains('ant-layout-sider-collapsed'),
      pageHeight: w.document.documentElement.scrollHeight,
      viewport: w.innerHeight,
    };
  });
}

/**
 * Reads a full-page screenshot back in the page (a canvas decodes the PNG) and returns, for the rows asked
 * for, how many pixels from the left edge are the sidebar's navy (#0d2546) in a row.
 */
async function navyRunInPicture(page: Page, png: Buffer, rows: number[]) {
  return page.evaluate(
    async ({ src, rows }) => {
      const w = globalThis as unknown as Browser;
      const img = new w.Image();
      img.src = src;
      await img.decode();
      const canvas = w.document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      return rows.map((y) => {
        const row = g.getImageData(0, y, img.width, 1).data;
        let x = 0;
        while (
          x < img.width &&
          Math.abs(row[x * 4]! - 0x0d) < 12 &&
          Math.abs(row[x * 4 + 1]! - 0x25) < 12 &&
          Math.abs(row[x * 4 + 2]! - 0x46) < 12
        ) {
          x++;
        }
        return x;
      });
    },
    { src: `data:image/png;base64,${png.toString('base64')}`, rows },
  );
}

for (const width of [1366, 1024]) {
  test(`the sidebar keeps its width and the page's full height on a long page (${width} px window)`, async ({
    app,
    hoso,
  }) => {
    await seedPersonsWorld(hoso, ['leader']);
    await app.setViewportSize({ width, height: 700 });
    await app.goto(hoso.url);
    await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
    const short = await measure(app);
    expect(short).toMatchObject({ width: SIDEBAR_WIDTH, collapsed: false });

    // The new-person form is well over two windows high.
    await openPersons(app);
    await app.getByRole('button', { name: 'Thêm người' }).click();
    await expect(app.getByRole('heading', { name: 'Thêm người thuộc diện quản lý' })).toBeVisible();
    await app.waitForTimeout(400);
    const long = await measure(app);
    expect(long.pageHeight).toBeGreaterThan(long.viewport * 1.8);
    expect(long).toMatchObject({ width: SIDEBAR_WIDTH, collapsed: false, panelTop: 0, panelHeight: long.viewport });
    // The sidebar reaches the bottom of the page, not only of the window.
    expect.soft(Math.round(long.height), 'sidebar height').toBe(long.pageHeight);

    // A full-page screenshot (Chromium lays the page out again at its full size for it): the picture shows the
    // sidebar at its width from the top to the bottom of the page, and the page is unchanged afterwards.
    const picture = await app.screenshot({ fullPage: true });
    const rows = [long.viewport + 10, Math.round(long.pageHeight * 0.75), long.pageHeight - 3];
    const runs = await navyRunInPicture(app, picture, rows);
    expect.soft(runs, 'navy run from the left edge, in the picture').toEqual(rows.map(() => SIDEBAR_WIDTH));
    await screenshot(app, `layout-long-page-${width}`);
    await app.waitForTimeout(400);
    const after = await measure(app);
    expect(after).toMatchObject({ width: SIDEBAR_WIDTH, collapsed: false });
    expect(Math.round(after.height)).toBe(long.pageHeight);

    // Scrolled to the bottom, the sidebar's contents stay in the window: the lock reminder is visible.
    await app.mouse.move(width - 200, 400);
    await app.mouse.wheel(0, long.pageHeight);
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as Browser).scrollY))
      .toBeGreaterThan(long.viewport);
    const scrolled = await measure(app);
    expect(scrolled).toMatchObject({ width: SIDEBAR_WIDTH, panelTop: 0, panelHeight: long.viewport });
    await expect(app.getByText(/Tự động khóa sau/)).toBeInViewport();
  });
}

test('a narrow window gets the icon sidebar, once the width has settled', async ({ app, hoso }) => {
  await seedPersonsWorld(hoso, ['leader']);
  await app.setViewportSize({ width: 900, height: 700 });
  await app.goto(hoso.url);
  await signIn(app, PEOPLE.leader.username, PEOPLE.leader.password);
  await expect.poll(async () => (await measure(app)).width).toBe(72);
  await app.setViewportSize({ width: 1200, height: 700 });
  await expect.poll(async () => (await measure(app)).width).toBe(SIDEBAR_WIDTH);
  await expect(
    app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Người thuộc diện quản lý'),
  ).toBeVisible();
});
