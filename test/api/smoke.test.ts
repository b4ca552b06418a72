import { describe, expect, it } from 'vitest';
import { ADMIN, err, makeHost, ok, setupVault } from '../support/host';

describe('vault lifecycle', () => {
  it('creates a vault, locks, and unlocks with the administrator password', async () => {
    const { host, created } = await setupVault();
    expect(created.recoveryKey).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(created.session.role).toBe('admin');
    await ok(host, 'session.lock', {});
    expect((await ok(host, 'app.status', {})).unlocked).toBe(false);
    const e = await err(host, 'accounts.list', {});
    expect(e.code).toBe('LOCKED');
    const s = await ok(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(s.username).toBe(ADMIN.username);
    const accounts = await ok(host, 'accounts.list', {});
    expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'leader']);
    const v = await ok(host, 'audit.verify' as never, {} as never).catch((x: Error) => x.message);
    expect(String(v)).toContain('FORBIDDEN');
  });

  it('refuses a second vault in the same directory', async () => {
    const first = await setupVault();
    await first.host.close(); // one program at a time: the second comes after the first closed
    const { host } = makeHost(first.dataDir);
    const e = await err(host, 'vault.create', {
      adminUsername: 'khac',
      adminDisplayName: 'Khác',
      password: 'x'.repeat(12),
      leader: { username: 'lanhdao.khac', displayName: 'Lãnh đạo khác', password: 'y'.repeat(12) },
    });
    expect(e.code).toBe('VAULT_EXISTS');
  });
});
