import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { communesOf } from '../../shared/places';
import { ADMIN, LEADER } from './support/hoso-server';
import { expect, openExchange, seedCentreStation, seedHubStation, test } from './support/exchange';
import { chooseOption, signIn } from './support/flows';
import { createAddict, openRehab } from './support/rehab';
import { screenshot } from './support/screens';

const CENTRE = 'Cơ sở cai nghiện ma túy tỉnh Tuyên Quang';
const POLICE = 'Phòng PC04 Công an tỉnh Tuyên Quang';

/**
 * Police → rehab centre through both stations' pages: the police's leader writes the bundle for the centre, the
 * centre's leader imports it. The centre receives the person referred to its facility and her referral, never the
 * police's other persons; the centre's receipt comes back and the police see the bundle acknowledged.
 */
test('the police send the rehab centre only the person referred to it; the centre acknowledges it', async ({
  app,
  hoso,
  hub,
  hubApp,
}) => {
  // Two hosts, two browsers and several argon2 sign-ins: minutes on a busy two-core machine.
  test.setTimeout(600_000);
  const sticks = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-stick-'));
  try {
    const commune = communesOf('08')[0]!;
    // The police: the facility they run, an addict referred to it and an addict who is not.
    await seedHubStation(hub);
    await hub.ok('session.unlock', { username: LEADER.username, password: LEADER.password });
    const facility = await hub.ok('facilities.create', {
      code: 'CSCN-TQ',
      name: CENTRE,
      kind: 'public_compulsory',
      provinceCode: '08',
      capacity: 200,
    } as never);
    const referred = await createAddict(hub, {
      fullName: 'Lò Thị Đào',
      sex: 'female',
      birthDate: '1994-03-08',
      commune,
      on: '2026-11-02',
    });
    await createAddict(hub, {
      fullName: 'Hoàng Văn Mạnh',
      sex: 'male',
      birthDate: '1989-10-20',
      commune,
      on: '2026-11-02',
    });
    await hub.ok('referrals.create', {
      personId: referred.person.id,
      kind: 'compulsory',
      discoveredOn: '2026-11-03',
      facilityId: facility.id,
    });
    await hub.ok('session.lock', {});

    // The centre's own workstation, and the two stations' cards exchanged (the card dialogs: polish-centre.spec).
    await seedCentreStation(hoso, { code: 'TTCN-TQ', name: CENTRE });
    await hoso.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
    const centreCard = await hoso.ok('station.card', {});
    const centreShow = await hoso.ok('station.show', {});
    await hub.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
    const policeCard = await hub.ok('station.card', { facilityId: facility.id });
    const policeShow = await hub.ok('station.show', {});
    await hub.ok('peers.add', {
      card: centreCard.card,
      kind: 'rehab',
      policy: 'police-to-rehab',
      fingerprint: centreShow.fingerprint,
      facilityId: facility.id,
    });
    await hub.ok('session.lock', {});
    await hoso.ok('peers.add', {
      card: policeCard.card,
      kind: 'hub',
      policy: 'rehab-to-police',
      fingerprint: policeShow.fingerprint,
    });
    await hoso.ok('session.lock', {});

    // The police's leader writes bundle 1 for the centre: one person travels, of the two.
    await hubApp.setViewportSize({ width: 1366, height: 768 });
    await hubApp.goto(hub.url);
    await signIn(hubApp, LEADER.username, LEADER.password);
    await openExchange(hubApp, 'Gửi gói');
    await chooseOption(hubApp, hubApp.getByLabel('Gửi cho trạm'), CENTRE);
    await hubApp.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect(hubApp.getByText(`Gói số 1 gửi ${CENTRE} sẽ mang`)).toBeVisible();
    const carried = hubApp.getByRole('table', { name: 'Xem trước' });
    await expect(carried.getByRole('row', { name: /^Hồ sơ đối tượng\s+1\s+1$/ })).toBeVisible();
    await screenshot(hubApp, 'exchange-rehab-export-preview', false);
    await hubApp.getByRole('button', { name: 'Tiếp tục' }).click();
    await hubApp.getByLabel('Thư mục lưu gói').fill(sticks);
    await hubApp.getByLabel('Mục đích gửi').fill('Chuyển hồ sơ người được đề nghị đưa vào cơ sở');
    await hubApp.getByRole('button', { name: 'Ghi gói' }).click();
    await expect(hubApp.getByText(`Đã ghi gói số 1 cho ${CENTRE}.`)).toBeVisible();
    const [name] = fs.readdirSync(sticks).filter((f) => f.endsWith('.age'));
    expect(name).toBe('hoso-PC04-HUB-to-TTCN-TQ-000001.age');
    const bundle = path.join(sticks, name!);

    // The centre's leader: the verdict, the preview, the import.
    await app.setViewportSize({ width: 1366, height: 768 });
    await app.goto(hoso.url);
    await signIn(app, LEADER.username, LEADER.password);
    await openExchange(app, 'Nhận gói');
    await app.getByLabel('Đường dẫn tệp gói').fill(bundle);
    await app.getByRole('button', { name: 'Kiểm tra gói' }).click();
    await expect(app.getByTestId('bundle-verdict')).toHaveText(
      `Gói hợp lệ: gói số 1 từ ${POLICE}, chữ ký đúng, đúng thứ tự.`,
    );
    await app.getByRole('button', { name: 'Xem trước' }).click();
    await expect(app.getByText('Nếu nhập, gói này sẽ:')).toBeVisible();
    await app.getByRole('button', { name: 'Nhập gói' }).click();
    await expect(app.getByText(`Đã nhập gói số 1 từ ${POLICE}.`)).toBeVisible();
    const outcome = app.getByTestId('import-outcome');
    await expect(
      outcome.locator('.ant-statistic').filter({ hasText: 'Mục bị từ chối' }).locator('.ant-statistic-content-value'),
    ).toHaveText('0');
    await screenshot(app, 'exchange-rehab-import-done', false);

    // At the centre: the referred person and her referral, on the rehab page; the other person is not here.
    await openRehab(app);
    await expect(app.getByText('Lò Thị Đào').first()).toBeVisible();
    await screenshot(app, 'exchange-rehab-centre-board', false);
    // One person on this station, of the police's two: the referred one (the counts every station shows).
    expect((await hoso.ok('app.info', {})).counts).toMatchObject({ persons: 1, rehab_referrals: 1 });
    const found = await hoso.ok('persons.search', { query: 'Hoàng Văn Mạnh' });
    expect(found.items).toEqual([]);

    // The centre's receipt goes back; the police see bundle 1 acknowledged.
    const back = await hoso.ok('bundles.export', {
      peerId: policeShow.id,
      out: sticks,
      purpose: 'Xác nhận đã nhận hồ sơ',
    });
    await hubApp.keyboard.press('Control+l');
    await signIn(hubApp, LEADER.username, LEADER.password);
    await openExchange(hubApp, 'Nhận gói');
    await hubApp.getByLabel('Đường dẫn tệp gói').fill(back.file);
    await hubApp.getByRole('button', { name: 'Kiểm tra gói' }).click();
    await hubApp.getByRole('button', { name: 'Xem trước' }).click();
    await hubApp.getByRole('button', { name: 'Nhập gói' }).click();
    await expect(hubApp.getByText(`Đã nhập gói số 1 từ ${CENTRE}.`)).toBeVisible();
    await expect(hubApp.getByText('Trạm kia xác nhận đã nhận các gói đến số 1 của trạm này.')).toBeVisible();
    const [status] = await hub.ok('bundles.status', {});
    expect(status).toMatchObject({ lastSent: 1, lastAcknowledged: 1, outstanding: 0, lastReceived: 1 });
  } finally {
    fs.rmSync(sticks, { recursive: true, force: true });
  }
});
