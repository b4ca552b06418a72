import path from 'node:path';
import { expect } from 'vitest';
import { CLI_ADMIN_PW, CLI_LEADER_PW, hoso } from '../support/cli';
import { tempDir } from '../support/host';

/**
 * A fresh data directory set up through the real `hoso init` (an administrator, a first leader, a unit), with the
 * two accounts' commands. `province` places the unit in a province (the leader then reads the province's persons:
 * the scope is fail-closed without it).
 */
export function station(unitCode: string, province?: string) {
  const dir = tempDir('hoso-station-');
  const r = hoso(
    dir,
    [
      '--password-stdin',
      'init',
      '--admin',
      'quantri',
      '--display-name',
      'Quản Trị',
      '--unit-code',
      unitCode,
      '--unit-name',
      `Đơn vị ${unitCode}`,
      ...(province ? ['--province', province] : []),
      '--leader',
      'truongphong',
      '--leader-display-name',
      'Trưởng Phòng',
    ],
    `${CLI_ADMIN_PW}\n${CLI_LEADER_PW}\n`,
  );
  expect(r.code, r.err).toBe(0);
  const admin = (args: string[], extra = '') =>
    hoso(dir, ['--user', 'quantri', '--password-stdin', ...args], `${CLI_ADMIN_PW}\n${extra}`);
  const leader = (args: string[], extra = '') =>
    hoso(dir, ['--user', 'truongphong', '--password-stdin', ...args], `${CLI_LEADER_PW}\n${extra}`);
  return { dir, admin, leader };
}

/** A command's JSON output, after checking it succeeded. */
export function json<T>(r: { code: number | null; out: string; err: string }): T {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
}

interface Show {
  id: string;
  fingerprint: string;
  ageRecipient: string;
}

/** Cards written and exchanged; each side adds the other after typing the fingerprint it was told. */
export function pair(
  commune: ReturnType<typeof station>,
  hub: ReturnType<typeof station>,
  hubPolicy: string,
  kind: string,
) {
  const sticks = tempDir('hoso-stick-');
  const cShow = json<Show>(commune.admin(['--json', 'station', 'show']));
  const hShow = json<Show>(hub.admin(['--json', 'station', 'show']));
  expect(commune.admin(['station', 'card', '--out', path.join(sticks, 'commune.card.json')]).code).toBe(0);
  expect(hub.admin(['station', 'card', '--out', path.join(sticks, 'hub.card.json')]).code).toBe(0);
  const add = (s: ReturnType<typeof station>, card: string, k: string, policy: string, fp: string) =>
    s.admin(['peer', 'add', path.join(sticks, card), '--kind', k, '--policy', policy, '--fingerprint', fp]);
  expect(add(commune, 'hub.card.json', 'hub', 'commune-to-hub', hShow.fingerprint).code).toBe(0);
  expect(add(hub, 'commune.card.json', kind, hubPolicy, cShow.fingerprint).code).toBe(0);
  return { sticks, cShow, hShow };
}
