import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateChange } from '../../electron/changelog/apply';
import { encodeHlc } from '../../electron/changelog/hlc';
import { ADMIN, ok } from '../support/host';
import { as } from '../support/persons';
import { referToRehabCentre } from '../support/rehab-world';
import { person, twoStations } from './world';

describe('a dossier scan as large as the form accepts', { timeout: 300_000 }, () => {
  it('travels to the hub and arrives the same (a scan over 1,000,000 characters was refused on import)', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    const made = await ok(
      s.commune.host,
      'persons.create',
      person(s.commune.communeA.code, 'Hoàng Văn Quyết', '400001'),
    );
    const { referral } = await referToRehabCentre(s.commune, made.person.id, s.commune.accounts.officerA.username);
    // A scanned PDF of 2 MB: 2,796,230 characters as a data URL, under the form's 2,800,000.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(2_097_000)]);
    const scan = `data:application/pdf;base64,${pdf.toString('base64')}`;
    expect(scan.length).toBeGreaterThan(2_700_000);
    expect(scan.length).toBeLessThanOrEqual(2_800_000);
    await ok(s.commune.host, 'referrals.setDocument', {
      referralId: referral.id,
      item: 'short_cv',
      done: true,
      on: '2026-09-02',
      scan,
    });

    await as(s.commune.host, ADMIN.username);
    const out = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    const r = await ok(s.hub.host, 'bundles.import', { path: out.file });
    expect(r.refused).toEqual([]);
    const row = s.hub.host
      .openState()
      .raw.prepare('SELECT scan FROM rehab_documents WHERE referral_id = ?')
      .get(referral.id) as { scan: string } | undefined;
    expect(row?.scan === scan).toBe(true);
  });

  it('keeps refusing a text value over 1,000,000 characters, and a file over 4,000,000', () => {
    const change = (tableName: string, fields: Record<string, unknown>) => ({
      hlc: encodeHlc({ wall: Date.parse('2026-12-05T00:00:00Z'), counter: 0, node: crypto.randomUUID() }),
      tableName,
      recordId: crypto.randomUUID(),
      changes: JSON.stringify(fields),
      base: null,
    });
    const url = (chars: number) => `data:application/pdf;base64,${'A'.repeat(chars - 28)}`;
    expect(validateChange(change('rehabDocuments', { scan: url(3_999_000) }))).toHaveProperty('scan');
    expect(() => validateChange(change('rehabDocuments', { scan: url(4_000_001) }))).toThrow(/scan is too long/);
    expect(() => validateChange(change('rehabDocuments', { mime: 'x'.repeat(1_000_001) }))).toThrow(/mime is too long/);
  });
});
