import { describe, expect, it } from 'vitest';
import { ADMIN, err, ok, setupVault } from '../support/host';

/**
 * Issue 9, finding 11: `prefs.set` worked from the lock screen and was not audited, so anyone at a locked
 * workstation could set the idle timeout to 120 minutes for the next user.
 */
describe('preferences', () => {
  it('attack: from the lock screen only the language can change', async () => {
    const { host } = await setupVault();
    await ok(host, 'session.lock', {});
    expect((await err(host, 'prefs.set', { idleMinutes: 120 })).code).toBe('LOCKED');
    expect((await ok(host, 'app.status', {})).preferences.idleMinutes).toBe(10);
    expect(await ok(host, 'prefs.setLanguage', { language: 'en' })).toMatchObject({ language: 'en', idleMinutes: 10 });
    expect((await err(host, 'prefs.setLanguage', { language: 'en', idleMinutes: 120 } as never)).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('signed in, the idle timeout stays within the administrator’s maximum, and every change is audited', async () => {
    const { host } = await setupVault();
    const above = await err(host, 'prefs.set', { idleMinutes: 45 });
    expect(above.code).toBe('INVALID_INPUT');
    expect(above.issues).toEqual([{ path: 'idleMinutes', code: 'idle_above_max' }]);
    expect(await ok(host, 'prefs.set', { idleMinutes: 25 })).toMatchObject({ idleMinutes: 25 });
    // Lowering the maximum shortens a longer timeout already chosen.
    expect(await ok(host, 'settings.setIdleMax', { maxMinutes: 15 })).toEqual({ maxMinutes: 15 });
    expect((await ok(host, 'app.status', {})).preferences.idleMinutes).toBe(15);
    const log = await ok(host, 'audit.list', { limit: 50 }).catch(() => null);
    // Administrators do not read the audit log; the entries are checked through the raw chain instead.
    expect(log).toBeNull();
    const entries = host
      .openState()
      .raw.prepare(
        `SELECT action, username, detail FROM audit_log WHERE action IN ('prefs.set', 'settings.idle_max') ORDER BY seq`,
      )
      .all() as { action: string; username: string; outcome: string }[];
    expect(entries.map((e) => [e.action, e.username])).toEqual([
      ['prefs.set', ADMIN.username],
      ['prefs.set', ADMIN.username],
      ['settings.idle_max', ADMIN.username],
    ]);
  });
});
