import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeCitizenId } from '../../shared/validation/citizen-id';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { asAccount, PEOPLE, seedPersonsWorld } from './support/persons';
import { screenshot } from './support/screens';
import { dayFromToday } from './support/workday';

const screenshotDir = path.resolve(import.meta.dirname, '../../test-results/screenshots');

function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('the printed dossier is a Decree 30 document with labels, the typed purpose and page numbers in its PDF', async ({
  app,
  hoso,
}) => {
  test.setTimeout(180_000);
  const world = await seedPersonsWorld(hoso, ['officerA']);
  const commune = world.communeA;
  await asAccount(hoso, 'officerA', async () => {
    const address = { provinceCode: '08', communeCode: commune.code, street: 'Thôn Nà Mò' };
    const p = await hoso.ok('persons.create', {
      fullName: 'Ma Văn Tường',
      sex: 'male',
      birthDate: '1987-02-09',
      citizenId: composeCitizenId({ provinceCode: '008', sex: 'male', birthYear: 1987, serial: 4321 }),
      ethnicity: '02',
      education: 'lower_secondary',
      occupation: 'farmer',
      permanentAddress: address,
      currentAddress: address,
      substances: ['heroin', 'methamphetamine'],
      confirmed: true,
    });
    // Enough history for a second page.
    for (let i = 0; i < 14; i++) {
      await hoso.ok('persons.addTest', {
        personId: p.person.id,
        date: dayFromToday(-400 + i * 20),
        method: 'urine_quick',
        result: i % 2 ? 'positive' : 'negative',
        substances: i % 2 ? ['heroin'] : [],
      });
    }
  });
  await hoso.ok('session.unlock', { username: 'quantri', password: 'mật khẩu quản trị 2026' });
  const unit = (await hoso.ok('units.list', {})).find((u) => u.code === 'CAX-A')!;
  expect(unit.provinceCode).toBe('08');
  await hoso.ok('session.lock', {});

  await app.goto(hoso.url);
  await signIn(app, PEOPLE.officerA.username, PEOPLE.officerA.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Người thuộc diện quản lý').click();
  await app.locator('.persons-link').filter({ hasText: 'Ma Văn Tường' }).click();
  await app.getByRole('button', { name: 'In hồ sơ' }).click();
  const dialog = app.getByRole('dialog', { name: /In hồ sơ/ });
  await dialog.getByLabel('Mục đích in (không bắt buộc)').fill('Gửi Tòa án nhân dân khu vực 1');
  await dialog.getByRole('button', { name: /^(printer )?In$/ }).click();
  const frame = dialog.locator('iframe.print-preview-frame');
  await expect(frame).toBeVisible();
  const html = (await frame.getAttribute('srcdoc'))!;

  // The document as printed: Decree 30 parts, labels, never codes.
  const sheet = await app.context().newPage();
  await sheet.setContent(html);
  const text = (await sheet.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('CÔNG AN TỈNH TUYÊN QUANG');
  expect(text).toContain(`CÔNG AN ${commune.name.toLocaleUpperCase('vi')}`);
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
  expect(text).toMatch(/Tuyên Quang, ngày \d{2} tháng \d{1,2} năm \d{4}/);
  expect(text).toContain('Số:');
  expect(text).toContain('MẬT');
  expect(text).toContain('Mục đích: Gửi Tòa án nhân dân khu vực 1');
  expect(text).toContain('NGƯỜI LẬP');
  expect(text).toContain('LÃNH ĐẠO DUYỆT');
  expect(text).toContain(PEOPLE.officerA.displayName);
  for (const label of [
    'Tày',
    'Trung học cơ sở',
    'Làm nông, lâm, ngư nghiệp',
    'Test nhanh nước tiểu|Xét nghiệm nhanh nước tiểu',
  ])
    expect(text).toMatch(new RegExp(label));
  for (const code of ['lower_secondary', 'farmer', 'urine_quick', 'heroin', 'male', 'positive', 'negative'])
    expect(text).not.toMatch(new RegExp(`\\b${code}\\b`));

  // Chromium's PDF: A4, numbered "Trang n/N" on each page.
  const pdf = await sheet.pdf({ preferCSSPageSize: true, printBackground: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-pdf-'));
  const file = path.join(dir, 'dossier.pdf');
  fs.writeFileSync(file, pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(2);
  test.skip(
    !hasPoppler(),
    'poppler-utils (pdftotext, pdftoppm) is not installed: the PDF text and picture are not checked',
  );
  const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (let n = 1; n <= pages; n++) expect(pdfText).toContain(`Trang ${n}/${pages}`);
  expect(pdfText).toContain('Tày');
  execFileSync('pdftoppm', [
    '-r',
    '70',
    '-png',
    '-f',
    '1',
    '-l',
    '2',
    file,
    path.join(screenshotDir, 'h6-dossier-page'),
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
  await screenshot(app, 'h6-dossier-dialog', false);
});
