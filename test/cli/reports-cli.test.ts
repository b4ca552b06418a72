import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { communesOf } from '../../shared/places';
import { tempDir } from '../support/host';
import { CLI_ADMIN_PW, CLI_LEADER_PW, hoso, initVault } from '../support/cli';

const asLeader = (dir: string, args: string[]) =>
  hoso(dir, ['--user', 'truongphong', '--password-stdin', ...args], `${CLI_LEADER_PW}\n`);

/** The unit `init` made belongs to no province yet: the administrator places it in Tuyên Quang (08). */
async function placeUnitInProvince(dir: string) {
  const host = createHost({ dataDir: dir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
  const r = await host.call('session.unlock', { username: 'quantri', password: CLI_ADMIN_PW });
  expect(r.ok).toBe(true);
  const unit = host.openState().raw.prepare(`SELECT id FROM units WHERE code = 'PC04'`).get() as { id: string };
  const u = await host.call('units.update', {
    unitId: unit.id,
    name: 'Phòng PC04 Công an tỉnh Tuyên Quang',
    kind: 'province_department',
    provinceCode: '08',
    communeCode: null,
  });
  expect(u.ok).toBe(true);
  await host.close();
}

describe('hoso plan, commune status and report', () => {
  it('loads a seed plan, marks drug-free communes and prints the rate, the target and the difference', async () => {
    const dir = tempDir('hoso-cli-reports-');
    expect(initVault(dir).code).toBe(0);
    await placeUnitInProvince(dir);

    // The template ships as JSON; import fills in the leader's province.
    const tpl = hoso(dir, ['plan', 'template', 'xa-phuong-khong-ma-tuy-2025']);
    expect(tpl.code).toBe(0);
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, tpl.out);
    const imported = asLeader(dir, ['--json', 'plan', 'import', file]);
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ provinceCode: '08', fromYear: 2025 });
    expect(asLeader(dir, ['plan', 'list']).out).toContain('Chỉ tiêu xây dựng xã, phường không ma túy năm 2025');

    // A drug-free mark without its decision is refused, naming the field, and writes nothing.
    const [first, second] = communesOf('08');
    const refused = asLeader(dir, [
      'commune',
      'status',
      'set',
      '--commune',
      first!.code,
      '--year',
      '2025',
      '--drug-free',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('drugFreeDecision');
    for (const c of [first!, second!]) {
      const r = asLeader(dir, [
        'commune',
        'status',
        'set',
        '--commune',
        c.code,
        '--year',
        '2025',
        '--drug-free',
        '--decision',
        '15/QĐ-UBND',
      ]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('không ma túy (15/QĐ-UBND)');
    }

    const kpi = asLeader(dir, ['--json', 'report', 'kpi', '--year', '2025']);
    expect(kpi.code, kpi.err).toBe(0);
    const rows = JSON.parse(kpi.out) as {
      id: string;
      value: number;
      numerator: number;
      denominator: number;
      target: number;
      delta: number;
    }[];
    expect(rows.find((r) => r.id === 'drugFreeCommuneRate')).toEqual({
      id: 'drugFreeCommuneRate',
      status: 'ok',
      value: 1.6,
      numerator: 2,
      denominator: 124,
      target: 20,
      delta: -18.4,
    });
    const text = asLeader(dir, ['report', 'kpi', '--year', '2025']);
    expect(text.out).toMatch(/Tỷ lệ xã, phường được công nhận không ma túy\s+1,6 % \(chỉ tiêu 20 %, -18,4 điểm\)/);

    const out = path.join(dir, 'bao-cao.xlsx');
    const exported = asLeader(dir, ['report', 'export', '--year', '2025', '--format', 'xlsx', '--out', out]);
    expect(exported.code, exported.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('Chỉ tiêu')!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'drugFreeCommuneRate')!;
    expect(row.getCell(4).value).toBe(1.6);
    expect(asLeader(dir, ['report', 'export', '--year', '2025', '--format', 'doc', '--out', `${out}.doc`]).code).toBe(
      2,
    );

    // CSV: UTF-8 with a BOM, the same figures.
    const csvOut = path.join(dir, 'bao-cao.csv');
    const csv = asLeader(dir, ['report', 'export', '--year', '2025', '--format', 'csv', '--out', csvOut]);
    expect(csv.code, csv.err).toBe(0);
    const csvBytes = fs.readFileSync(csvOut);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.toString('utf8')).toMatch(/\r\ndrugFreeCommuneRate,.*,1\.6,2,124,20,-18\.4,/);

    // The A4 PDF, written by the CLI itself: pdftotext finds the Vietnamese headings and the figures.
    const pdf = path.join(dir, 'bao-cao.pdf');
    const printed = asLeader(dir, ['report', 'export', '--year', '2025', '--format', 'pdf', '--out', pdf]);
    expect(printed.code, printed.err).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pdfText = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(pdfText).toContain('BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU PHÒNG, CHỐNG MA TÚY');
    expect(pdfText).toContain('Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 31/12/2025');
    expect(pdfText).toContain('Chỉ tiêu xây dựng xã, phường không ma túy năm 2025');
    expect(pdfText).toMatch(/Tỷ lệ xã, phường được công nhận không ma\s+túy\s+1,6 %\s+2 \/ 124\s+20 %\s+−18,4 điểm/);
    expect(pdfText).toContain('Người sử dụng, người nghiện theo diện, độ tuổi và giới tính');
    const pdfInfo = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(pdfInfo).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout).toMatch(/NotoSans-Regular.*yes/);

    // The commune table, the statistical tables and the records behind a figure, from the CLI as on the screen.
    const communes = asLeader(dir, ['--json', 'report', 'communes', '--year', '2025']);
    expect(communes.code, communes.err).toBe(0);
    const communeRows = JSON.parse(communes.out) as { communeCode: string; drugFree: boolean }[];
    expect(communeRows).toHaveLength(124);
    expect(
      communeRows
        .filter((r) => r.drugFree)
        .map((r) => r.communeCode)
        .sort(),
    ).toEqual([first!.code, second!.code].sort());
    expect(asLeader(dir, ['report', 'communes', '--year', '2025']).out).toContain(`${first!.code}  ${first!.name}`);
    const tables = asLeader(dir, ['report', 'tables', '--year', '2025']);
    expect(tables.code, tables.err).toBe(0);
    expect(tables.out).toContain('Người sử dụng, người nghiện theo diện, độ tuổi và giới tính');
    const tableJson = JSON.parse(asLeader(dir, ['--json', 'report', 'tables', '--year', '2025']).out) as {
      id: string;
    }[];
    expect(tableJson.length).toBeGreaterThan(3);

    const drill = asLeader(dir, ['--json', 'report', 'drill', '--indicator', 'drugFreeCommuneRate', '--year', '2025']);
    expect(drill.code, drill.err).toBe(0);
    const page = JSON.parse(drill.out) as { total: number; rows: { recordType: string; id: string }[] };
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.id).sort()).toEqual([first!.code, second!.code].sort());
    const drillText = asLeader(dir, ['report', 'drill', '--indicator', 'drugFreeCommuneRate', '--year', '2025']);
    expect(drillText.out).toContain('drugFreeCommuneRate (tử số): 2 hồ sơ; đang xem 1–2');
    const denominator = asLeader(dir, [
      '--json',
      'report',
      'drill',
      '--indicator',
      'drugFreeCommuneRate',
      '--part',
      'denominator',
      '--year',
      '2025',
      '--limit',
      '10',
    ]);
    expect(JSON.parse(denominator.out)).toMatchObject({ total: 124, offset: 0 });
    // An unknown indicator is refused with the field named; nothing is printed as if it were a result.
    const unknown = asLeader(dir, ['report', 'drill', '--indicator', 'casesDetectedd', '--year', '2025']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('indicatorId');

    // The drill-down with names leaves the machine only with a purpose, written to the audit log.
    const listOut = path.join(dir, 'danh-sach.csv');
    const drillExport = (purpose: string) =>
      asLeader(dir, [
        'report',
        'drill-export',
        '--indicator',
        'drugFreeCommuneRate',
        '--year',
        '2025',
        '--format',
        'csv',
        '--purpose',
        purpose,
        '--out',
        listOut,
      ]);
    const noPurpose = drillExport('x');
    expect(noPurpose.code).not.toBe(0);
    expect(noPurpose.err).toContain('purpose');
    expect(fs.existsSync(listOut)).toBe(false);
    const listed = drillExport('Rà soát xã đạt chuẩn');
    expect(listed.code, listed.err).toBe(0);
    const listText = fs.readFileSync(listOut, 'utf8');
    expect(listText).toContain(first!.name);
    expect(listText).toContain(second!.name);
    const host = createHost({ dataDir: dir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
    expect((await host.call('session.unlock', { username: 'quantri', password: CLI_ADMIN_PW })).ok).toBe(true);
    const entry = host
      .openState()
      .raw.prepare(`SELECT username, detail FROM audit_log WHERE action = 'report.export' ORDER BY seq DESC LIMIT 1`)
      .get() as { username: string; detail: string };
    expect(entry.username).toBe('truongphong');
    expect(JSON.parse(entry.detail)).toMatchObject({ purpose: 'Rà soát xã đạt chuẩn', rows: 2, format: 'csv' });
    await host.close();
    // Some thirty CLI runs, each deriving a key: more than the default minute on a loaded machine.
  }, 240_000);
});
