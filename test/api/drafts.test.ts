import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFTS_PER_ACCOUNT } from '../../shared/contract/drafts';
import { ADMIN, LEADER, err, ok, setupVault } from '../support/host';

const MARKER = 'Nguyễn Văn Bảnh nháp 7391';
const payload = JSON.stringify({ values: { fullName: MARKER, birthDate: '1978' } });
const screen = JSON.stringify({ page: 'persons', view: { kind: 'create' } });

describe('drafts', () => {
  it('keep what an account typed across a lock, for that account only', async () => {
    const { host } = await setupVault();
    await ok(host, 'drafts.save', { formKey: 'persons.create', payload, screen });
    await ok(host, 'drafts.save', { formKey: 'persons.edit:0193a1b2-0000-7000-8000-000000000001', payload: '{}' });
    await ok(host, 'session.lock', {});

    // Locked, nothing is served, whoever asks.
    expect((await err(host, 'drafts.get', { formKey: 'persons.create' })).code).toBe('LOCKED');
    expect((await err(host, 'drafts.list', {})).code).toBe('LOCKED');
    expect((await err(host, 'drafts.save', { formKey: 'persons.create', payload: '{}' })).code).toBe('LOCKED');

    // Another account sees none of them and cannot discard them.
    await ok(host, 'session.unlock', LEADER);
    expect(await ok(host, 'drafts.list', {})).toEqual([]);
    expect(await ok(host, 'drafts.get', { formKey: 'persons.create' })).toBeNull();
    expect(await ok(host, 'drafts.discard', { formKey: 'persons.create' })).toEqual({ discarded: false });
    // Its own draft under the same key is its own row.
    await ok(host, 'drafts.save', { formKey: 'persons.create', payload: '{"values":{}}' });
    await ok(host, 'session.lock', {});

    await ok(host, 'session.unlock', ADMIN);
    const list = await ok(host, 'drafts.list', {});
    expect(list.map((d) => d.formKey).sort()).toEqual([
      'persons.create',
      'persons.edit:0193a1b2-0000-7000-8000-000000000001',
    ]);
    expect(list.find((d) => d.formKey === 'persons.create')).toMatchObject({ screen });
    expect(list[0]).not.toHaveProperty('payload');
    expect(await ok(host, 'drafts.get', { formKey: 'persons.create' })).toMatchObject({ payload, screen });

    // Discarded, it is gone; the other account's draft under that key stays.
    expect(await ok(host, 'drafts.discard', { formKey: 'persons.create' })).toEqual({ discarded: true });
    expect(await ok(host, 'drafts.get', { formKey: 'persons.create' })).toBeNull();
    await ok(host, 'session.lock', {});
    await ok(host, 'session.unlock', LEADER);
    expect(await ok(host, 'drafts.get', { formKey: 'persons.create' })).toMatchObject({ payload: '{"values":{}}' });
  });

  it('are stored encrypted, are not audited per keystroke, and stay bounded per account', async () => {
    const { host, dataDir, clock } = await setupVault();
    const raw = host.openState().raw;
    const changes = () => (raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const changesBefore = changes();
    for (let i = 0; i < 5; i++) await ok(host, 'drafts.save', { formKey: 'persons.create', payload, screen });
    for (let i = 0; i < DRAFTS_PER_ACCOUNT + 3; i++) {
      clock.advance(1000);
      await ok(host, 'drafts.save', { formKey: `test.form:${i}`, payload: '{}' });
    }
    const list = await ok(host, 'drafts.list', {});
    expect(list).toHaveLength(DRAFTS_PER_ACCOUNT);
    expect(list.some((d) => d.formKey === 'persons.create')).toBe(false);

    const audited = raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'drafts%'`).get() as {
      n: number;
    };
    expect(audited.n).toBe(0);
    // Nothing of a draft in the change log either: drafts never replicate.
    expect(changes()).toBe(changesBefore);

    await ok(host, 'drafts.save', { formKey: 'persons.create', payload, screen });
    await ok(host, 'session.lock', {});
    const bytes = Buffer.concat(
      fs
        .readdirSync(dataDir)
        .filter((f) => f.startsWith('hoso.db'))
        .map((f) => fs.readFileSync(path.join(dataDir, f))),
    );
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(bytes.includes(Buffer.from('nháp 7391'))).toBe(false);
  });

  it('refuse a form key that could carry typed text, and an oversized payload', async () => {
    const { host } = await setupVault();
    const bad = await err(host, 'drafts.save', { formKey: 'persons.create:Nguyễn Văn A', payload: '{}' });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues).toEqual([{ path: 'formKey', code: 'draft_key_format' }]);
    const big = await err(host, 'drafts.save', { formKey: 'persons.create', payload: `"${'x'.repeat(200_001)}"` });
    expect(big.issues).toEqual([{ path: 'payload', code: 'too_long' }]);
    expect(await ok(host, 'drafts.list', {})).toEqual([]);
  });
});
