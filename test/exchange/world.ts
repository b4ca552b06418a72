import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { HostCore } from '../../electron/host/host';
import { stationKeys } from '../../electron/exchange/station';
import {
  auditMembers,
  changeMembers,
  writeBundle,
  BUNDLE_FORMAT,
  type AuditLine,
  type Manifest,
} from '../../electron/exchange/bundle';
import { parseAgeRecipient } from '../../electron/exchange/bech32';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { ADMIN, LEADER, makeHost, ok, tempDir } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

/**
 * A rehab centre's own workstation: a fresh vault (its administrator and director) serving the centre's unit, with
 * no facility record until the police's first bundle brings one.
 */
export async function centreStation() {
  const centre = makeHost();
  await ok(centre.host, 'vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên cơ sở',
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: 'Giám đốc cơ sở', password: LEADER.password },
    unit: { code: 'TTCN-08', name: 'Trạm cơ sở cai nghiện tỉnh', kind: 'rehab_centre', provinceCode: '08' },
  });
  return centre;
}

/**
 * Two stations on real encrypted vaults in temp dirs: a commune workstation (the persons world: two communes,
 * accounts of every role) and a province hub (a fresh vault: another workstation id). Each has added the other
 * from its card after typing the fingerprint.
 */
export async function twoStations() {
  const commune = await personsWorld();
  // The hub: another workstation, with its own unit (unit codes are unique across the stations that exchange).
  const hub = makeHost();
  await ok(hub.host, 'vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên tỉnh',
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: 'Trưởng phòng', password: LEADER.password },
    unit: { code: 'PC04-HUB', name: 'Phòng PC04 Công an tỉnh', kind: 'province_department' },
  });
  await as(commune.host, ADMIN.username);
  await ok(commune.host, 'station.setUnit', { unitId: commune.accounts.officerA.unitId });
  const cCard = await ok(commune.host, 'station.card', {});
  const cShow = await ok(commune.host, 'station.show', {});
  const hCard = await ok(hub.host, 'station.card', {});
  const hShow = await ok(hub.host, 'station.show', {});
  const hubPeer = await ok(commune.host, 'peers.add', {
    card: hCard.card,
    kind: 'hub',
    policy: 'commune-to-hub',
    fingerprint: hShow.fingerprint,
  });
  const communePeer = await ok(hub.host, 'peers.add', {
    card: cCard.card,
    kind: 'commune',
    policy: 'hub-to-commune',
    fingerprint: cShow.fingerprint.toLowerCase().replace(/-/g, ' '),
  });
  return {
    commune,
    hub,
    cShow,
    hShow,
    cCard: cCard.card,
    hCard: hCard.card,
    hubPeer,
    communePeer,
    dir: tempDir('hoso-sticks-'),
  };
}
export type Stations = Awaited<ReturnType<typeof twoStations>>;

export function person(communeCode: string, name: string, tail: string) {
  return {
    fullName: name,
    sex: 'male' as const,
    birthDate: '1990-05-12',
    citizenId: cccd(1990, 'male', tail),
    currentAddress: { provinceCode: '08', communeCode, street: 'Thôn Đồng Tâm' },
    substances: ['heroin' as const],
  };
}

/** Record counts per table, the change-log size and open conflicts: what a refused import must leave alone. */
export function footprint(host: HostCore): Record<string, number> {
  const raw = host.openState().raw;
  const n = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
  const tables = ['persons', 'person_measures', 'units', 'exchange_bundles', 'exchange_peers'];
  return {
    ...Object.fromEntries(tables.map((t) => [t, n(`SELECT count(*) AS n FROM ${t}`)])),
    changeLog: n('SELECT count(*) AS n FROM change_log'),
    changeHead: n('SELECT coalesce(max(seq), 0) AS n FROM change_log'),
    conflicts: n('SELECT count(*) AS n FROM conflicts'),
  };
}

/** The last audit entry: a refusal is audited with its code. */
export function lastAudit(host: HostCore) {
  return host
    .openState()
    .raw.prepare('SELECT action, outcome, detail FROM audit_log ORDER BY seq DESC LIMIT 1')
    .get() as { action: string; outcome: string; detail: string | null };
}

/**
 * A correctly signed bundle from the commune station's keys with whatever the test puts in it: the way a
 * hostile or broken peer would build one.
 */
export async function forge(
  s: Stations,
  opts: Partial<Omit<Manifest, 'members'>> & {
    entries?: ChangeEntry[];
    audit?: AuditLine[];
    file?: string;
    recipients?: Buffer[];
  },
): Promise<string> {
  const keys = await stationKeys(s.commune.host.openState().db, s.cShow.id);
  const file = opts.file ?? path.join(s.dir, `forged-${Date.now()}-${Math.random().toString(36).slice(2)}.age`);
  const { entries = [], audit = [], file: _f, recipients, ...m } = opts;
  void _f;
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.tableName] = (counts[e.tableName] ?? 0) + 1;
  await writeBundle(
    file,
    recipients ?? [parseAgeRecipient(s.hShow.ageRecipient)!],
    keys.signingPrivate,
    {
      format: BUNDLE_FORMAT,
      sender: s.cShow.id,
      recipient: s.hShow.id,
      seq: 1,
      prevHash: null,
      createdAt: new Date().toISOString(),
      purpose: 'thử',
      hlc: null,
      counts,
      // The commune's real audit head: a forged bundle is refused for what the test put in it, not for a fork.
      auditHead: auditHeadOf(s.commune.host),
      receipt: null,
      ...m,
    },
    async function* (stats) {
      yield* changeMembers(entries, stats);
      yield* auditMembers(audit);
    },
  );
  return file;
}

export function auditHeadOf(host: HostCore): { seq: number; hash: string } | null {
  return (
    (host.openState().raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

export function bytes(file: string): Buffer {
  return fs.readFileSync(file);
}

export { ADMIN, LEADER };

/**
 * An archive key held on paper (made with the standard `age-keygen`), added by the commune's administrator: every
 * bundle the commune writes is also encrypted to it. Returns the key file, for `age -d -i`.
 */
export async function addArchiveKey(s: Stations): Promise<string> {
  const keyFile = path.join(s.dir, 'archive-key.txt');
  if (spawnSync('age-keygen', ['-o', keyFile]).status !== 0) throw new Error('age-keygen failed');
  const recipient = /public key: (age1\w+)/.exec(fs.readFileSync(keyFile, 'utf8'))![1]!;
  await as(s.commune.host, ADMIN.username);
  await ok(s.commune.host, 'archive.add', { recipient, label: 'lưu trữ tỉnh' });
  return keyFile;
}
