import fs from 'node:fs';
import path from 'node:path';
import { ADMIN } from './support/hoso-server';
import { expect, test } from './support/fixtures';
import { signIn } from './support/flows';
import { checkScreen } from './support/screens';

const AUDITOR = {
  username: 'kt.lan',
  displayName: 'Đỗ Thị Lan',
  role: 'auditor' as const,
  password: 'kiểm tra viên Lan 1',
};

test('an auditor takes a checkpoint code for the paper register, and the log is later proven to hold it', async ({
  app,
  hoso,
}) => {
  await hoso.seedVault();
  await hoso.seedAccount(AUDITOR);
  await app.goto(hoso.url);
  await signIn(app, AUDITOR.username, AUDITOR.password);
  await app.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Nhật ký').click();
  await expect(app.getByText('Mã mốc nhật ký', { exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'Lấy mã mốc' }).click();
  const shown = app.getByRole('region', { name: 'Mã mốc để ghi vào sổ' });
  await expect(shown).toContainText(/\d+-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/);
  await expect(shown).toContainText(/Lấy lúc \d{2}\/\d{2}\/\d{4}/);
  const code = /(\d+-[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})/.exec((await shown.textContent()) ?? '')![1]!;
  // Taking the code is itself in the log, and the list shows it by name.
  await expect(app.getByRole('region', { name: 'Các bản ghi nhật ký' })).toContainText('Lấy mã mốc nhật ký');
  await checkScreen(app, '52-audit-checkpoint');

  // Checked later (the CLI's `audit verify --checkpoint` calls the same procedure).
  const v = await hoso.ok('audit.verify', { checkpoint: code });
  expect(v).toMatchObject({ ok: true, checkpoint: { found: true } });
});

test('a vault file whose audit head was tampered with refuses sign-in with a clear message until an administrator re-anchors', async ({
  app,
  hoso,
}) => {
  await hoso.seedVault();
  const file = path.join(hoso.dataDir, 'vault.json');
  const vault = JSON.parse(fs.readFileSync(file, 'utf8')) as { auditHead: { mac: string } };
  vault.auditHead.mac = '';
  fs.writeFileSync(file, JSON.stringify(vault));
  await app.goto(hoso.url);
  await expect(app.getByRole('heading', { name: 'Mở khóa dữ liệu' })).toBeVisible();
  await app.getByLabel('Tên tài khoản', { exact: true }).fill(ADMIN.username);
  await app.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await app.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(app.getByText(/Không mở dữ liệu: mốc nhật ký kiểm toán trong tệp khóa/)).toBeVisible();
  await expect(app.getByText(/hoso audit reanchor/)).toBeVisible();
  await checkScreen(app, '53-unlock-head-invalid');

  // The administrator checks the files, then accepts them (the CLI's `hoso audit reanchor --confirm`).
  const accepted = await hoso.ok('audit.reanchor', {
    username: ADMIN.username,
    password: ADMIN.password,
    confirm: true,
  });
  expect(accepted).toMatchObject({ problem: 'head_invalid', changed: true });
  await signIn(app, ADMIN.username, ADMIN.password);
});
