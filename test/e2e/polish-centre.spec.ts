import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, LEADER } from './support/hoso-server';
import { expect, openExchange, seedCentreStation, seedHubStation, test } from './support/exchange';
import { chooseOption, signIn } from './support/flows';
import { screenshot } from './support/screens';

/**
 * A rehab centre's new station has no facility yet (the police's first bundle brings it), so its administrator
 * could not add the police with the "centre sends to the police" policy. The police now save their card for the
 * centre, naming its facility; the centre's add-peer dialog takes the facility from that card.
 */
test('a rehab centre adds the police from the card the police wrote for it', async ({ app, hoso, hub, hubApp }) => {
  test.setTimeout(300_000);
  const facilityLabel = 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang (CSCN-TQ)';
  // The police (the hub) run the facility; the centre is a fresh vault serving its own unit.
  await seedHubStation(hub);
  await hub.ok('session.unlock', { username: LEADER.username, password: LEADER.password });
  const facility = await hub.ok('facilities.create', {
    code: 'CSCN-TQ',
    name: 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang',
    kind: 'public_compulsory',
    provinceCode: '08',
    capacity: 200,
  } as never);
  await hub.ok('session.lock', {});
  await seedCentreStation(hoso, { code: 'TTCN-TQ', name: 'Trạm cơ sở cai nghiện tỉnh' });

  // The police's administrator saves the card for the centre.
  await hubApp.setViewportSize({ width: 1366, height: 768 });
  await hubApp.goto(hub.url);
  await signIn(hubApp, ADMIN.username, ADMIN.password);
  await openExchange(hubApp, 'Trạm này');
  const fingerprint = (await hubApp.getByTestId('fingerprint').textContent())!.trim();
  await chooseOption(hubApp, hubApp.getByLabel('Thẻ gửi cơ sở cai nghiện'), facilityLabel);
  await screenshot(hubApp, 'P07-police-card-for-centre-1366', false);
  await hubApp.setViewportSize({ width: 1024, height: 768 });
  await screenshot(hubApp, 'P07-police-card-for-centre-1024', false);
  const download = hubApp.waitForEvent('download');
  await hubApp.getByRole('button', { name: 'Lưu thẻ trạm' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('hoso-station-PC04-HUB.CSCN-TQ.card.json');
  const card = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-e2e-card-')), file.suggestedFilename());
  await file.saveAs(card);

  // At the centre: no facility of its own, yet the dialog fills in the police as its hub and the facility.
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(hoso.url);
  await signIn(app, ADMIN.username, ADMIN.password);
  await openExchange(app, 'Trạm kết nối');
  await app.getByRole('button', { name: 'Thêm trạm' }).click();
  const dialog = app.getByRole('dialog', { name: 'Thêm trạm kết nối' });
  await dialog.locator('#peer-card').setInputFiles(card);
  await expect(dialog.getByTestId('peer-card-peek')).toContainText(`Gửi ${facilityLabel}`);
  await expect(dialog.locator('.ant-select', { has: app.locator('#peer-kind') })).toContainText('Trạm trung tâm tỉnh');
  await expect(dialog.locator('.ant-select', { has: app.locator('#peer-policy') })).toContainText(
    'Cơ sở cai nghiện gửi công an',
  );
  await expect(dialog.locator('.ant-select', { has: app.locator('#peer-facility') })).toContainText(facilityLabel);
  await expect(dialog).toContainText(`Theo thẻ của trạm kia, trạm này là ${facilityLabel}.`);
  await dialog.getByLabel('Mã nhận dạng được đọc cho bạn').fill(fingerprint);
  await screenshot(app, 'P08-centre-adds-police-1366', false);
  await app.setViewportSize({ width: 1024, height: 768 });
  await screenshot(app, 'P08-centre-adds-police-1024', false);
  await dialog.getByRole('button', { name: 'Thêm trạm' }).click();
  await expect(dialog).toBeHidden();
  const [peer] = await hoso.ok('peers.list', {});
  expect(peer!.policy.name).toBe('rehab-to-police');
  expect(peer!.policy.send.scope).toEqual({ kind: 'facility', id: facility.id });
  expect(peer!.policy.accept.scope).toEqual({ kind: 'facility', id: facility.id });
});
