import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/contract';
import type { ApiError, Result } from '../../../shared/domain/errors';
import type { Role } from '../../../shared/domain/roles';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/dev/loopback-server';

export const rendererDir = path.resolve(import.meta.dirname, '../../../dist/renderer');

export const ADMIN = { username: 'quantri', displayName: 'Nguyễn Thị Quản Trị', password: 'mật khẩu quản trị 2026' };
/** The first leader, made at setup: approves the roles that read records (separation of duties). */
export const LEADER = { username: 'truongphong', displayName: 'Trần Văn Trưởng', password: 'mật khẩu lãnh đạo 2026' };

/** The host's clock: real time plus whatever a test has skipped ahead. */
export class HostClock {
  private offsetMs = 0;
  readonly now = () => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * A real host on a fresh encrypted database in a temporary folder, behind the loopback transport. Tests drive
 * the browser; `call` reaches the same host directly, to arrange what a test is not about.
 */
export class HosoServer {
  private constructor(
    readonly server: LoopbackServer,
    readonly dataDir: string,
    readonly clock: HostClock,
  ) {}

  static async start(): Promise<HosoServer> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-e2e-'));
    const clock = new HostClock();
    const server = await startLoopbackServer({ dataDir, rendererDir, kdfPolicy: 'floor', now: clock.now });
    return new HosoServer(server, dataDir, clock);
  }

  get url(): string {
    return this.server.url;
  }

  get origin(): string {
    return new URL(this.server.url).origin;
  }

  get token(): string {
    return this.server.token;
  }

  async call<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    return (await this.server.host.call(name, input)) as Result<OutputOf<K>>;
  }

  async ok<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const r = await this.call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code}`);
    return r.value;
  }

  async fails<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<ApiError> {
    const r = await this.call(name, input);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
    return r.error;
  }

  /** A vault with its first administrator and one unit, locked again: the state of any morning. */
  async seedVault(): Promise<{ unitId: string }> {
    await this.ok('vault.create', {
      adminUsername: ADMIN.username,
      adminDisplayName: ADMIN.displayName,
      password: ADMIN.password,
      leader: { username: LEADER.username, displayName: LEADER.displayName, password: LEADER.password },
      unit: { code: 'PC04-TQ', name: 'Phòng Cảnh sát điều tra tội phạm về ma túy', kind: 'province_department' },
    });
    const units = await this.ok('units.list', {});
    await this.ok('session.lock', {});
    return { unitId: units[0]!.id };
  }

  /**
   * An account made by the administrator that has already replaced its temporary password, so that it signs
   * in straight to the app. Leaves the host locked.
   */
  async seedAccount(a: { username: string; displayName: string; role: Role; password: string }): Promise<void> {
    await this.ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
    const temporary = `${a.password} tạm`;
    await this.ok('accounts.create', { ...a, password: temporary, unitId: null });
    await this.ok('session.lock', {});
    await this.ok('session.unlock', { username: a.username, password: temporary });
    await this.ok('session.changePassword', { currentPassword: temporary, newPassword: a.password });
    await this.ok('session.lock', {});
    await this.approveGrants();
  }

  /** The setup leader approves every grant whose holder has set their own password. Leaves the host locked. */
  async approveGrants(): Promise<void> {
    await this.ok('session.unlock', { username: LEADER.username, password: LEADER.password });
    for (const g of (await this.ok('accounts.pendingGrants', {})).pending) {
      if (g.ownPasswordSet) await this.ok('accounts.approveGrant', { grantId: g.id });
    }
    await this.ok('session.lock', {});
  }

  async close(): Promise<void> {
    await this.server.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
