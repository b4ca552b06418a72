import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { err, ok, tempDir } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';
import { referToRehabCentre } from '../support/rehab-world';

type World = Awaited<ReturnType<typeof personsWorld>>;

/** The audit entries of an action that succeeded. */
function auditOf(w: World, action: string) {
  return w.host
    .openState()
    .raw.prepare(
      "SELECT username, record_id AS recordId, detail FROM audit_log WHERE action = ? AND outcome = 'ok' ORDER BY seq",
    )
    .all(action) as { username: string; recordId: string | null; detail: string | null }[];
}

describe('a dossier scan saved as a file (an export of personal data)', () => {
  it('writes the decrypted copy only where the user named, with a purpose, audited as an export; refuses the rest', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const person = await ok(w.host, 'persons.create', {
      fullName: 'Hoàng Văn Thạch',
      sex: 'male',
      birthDate: '1991-02-03',
      citizenId: cccd(1991, 'male', '204611'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn Bản Lằn' },
      substances: ['heroin'],
      confirmed: true,
    });
    const { referral } = await referToRehabCentre(w, person.person.id, w.accounts.officerA.username);
    const pdf = Buffer.from('%PDF-1.4\n% a scanned short CV\n%%EOF\n');
    await ok(w.host, 'referrals.setDocument', {
      referralId: referral.id,
      item: 'short_cv',
      done: true,
      on: '2026-09-02',
      scan: `data:application/pdf;base64,${pdf.toString('base64')}`,
    });

    const dir = tempDir('hoso-export-');
    const target = path.join(dir, 'ban-sao.pdf');
    const saved = await ok(w.host, 'referrals.exportDocument', {
      referralId: referral.id,
      item: 'short_cv',
      purpose: 'Gửi Tòa án nhân dân khu vực',
      path: target,
    });
    expect(saved).toEqual({ path: target, bytes: pdf.length });
    expect(fs.readFileSync(target).equals(pdf)).toBe(true);
    const entries = auditOf(w, 'referral.document_export');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.username).toBe(w.accounts.officerA.username);
    expect(entries[0]!.recordId).toBe(referral.id);
    expect(JSON.parse(entries[0]!.detail ?? '{}')).toMatchObject({
      item: 'short_cv',
      purpose: 'Gửi Tòa án nhân dân khu vực',
      mime: 'application/pdf',
      bytes: pdf.length,
    });
    // No name and no path (the user may have named the file after the person) in the audit entry.
    expect(entries[0]!.detail).not.toContain('Thạch');
    expect(entries[0]!.detail).not.toContain(dir);

    // Never overwrites; a relative path, a missing purpose: refused naming the field, nothing written.
    expect(
      (
        await err(w.host, 'referrals.exportDocument', {
          referralId: referral.id,
          item: 'short_cv',
          purpose: 'Lần hai',
          path: target,
        })
      ).issues,
    ).toEqual([{ path: 'path', code: 'export_file_exists' }]);
    expect(
      (
        await err(w.host, 'referrals.exportDocument', {
          referralId: referral.id,
          item: 'short_cv',
          purpose: 'Gửi Tòa án',
          path: 'ban-sao-2.pdf',
        })
      ).issues,
    ).toEqual([{ path: 'path', code: 'export_path_absolute' }]);
    expect(
      (
        await err(w.host, 'referrals.exportDocument', {
          referralId: referral.id,
          item: 'short_cv',
          purpose: ' ',
          path: path.join(dir, 'khong-muc-dich.pdf'),
        })
      ).issues,
    ).toEqual([{ path: 'purpose', code: 'export_purpose_required' }]);
    expect(fs.readdirSync(dir)).toEqual(['ban-sao.pdf']);

    // The roles that never see scans cannot save them either; another commune's officer is outside the scope.
    await as(w.host, w.accounts.rehab.username);
    expect(
      (
        await err(w.host, 'referrals.exportDocument', {
          referralId: referral.id,
          item: 'short_cv',
          purpose: 'Lưu hồ sơ cơ sở',
          path: path.join(dir, 'co-so.pdf'),
        })
      ).issues,
    ).toEqual([{ path: 'item', code: 'export_not_allowed' }]);
    await as(w.host, w.accounts.officerB.username);
    expect(
      (
        await err(w.host, 'referrals.exportDocument', {
          referralId: referral.id,
          item: 'short_cv',
          purpose: 'Lưu hồ sơ xã khác',
          path: path.join(dir, 'xa-khac.pdf'),
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect(fs.readdirSync(dir)).toEqual(['ban-sao.pdf']);
    expect(auditOf(w, 'referral.document_export')).toHaveLength(1);
  });
});
