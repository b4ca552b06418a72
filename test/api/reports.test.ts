import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../../shared/contract/reports';
import { PLAN_TEMPLATES, planForProvince } from '../../shared/plans';
import { communesOf } from '../../shared/places';
import { err, ok } from '../support/host';
import { as, personsWorld } from '../support/persons';

type World = Awaited<ReturnType<typeof personsWorld>>;

/** A person living in a commune, with a positive test (a user on record) and optionally a measure. */
async function user(w: World, communeCode: string, n: number, testDate: string, measureStart: string | null) {
  const f = await ok(w.host, 'persons.create', {
    fullName: `Người Thử Số ${['Một', 'Hai', 'Ba', 'Bốn', 'Năm'][n]}`,
    sex: n % 2 ? 'female' : 'male',
    birthDate: `${1980 + n * 5}-03-04`,
    citizenId: null,
    currentAddress: { provinceCode: '08', communeCode, street: 'Thôn Một' },
    substances: ['methamphetamine'],
    confirmed: true,
  } as never);
  const personId = f.person.id;
  await ok(w.host, 'persons.addTest', {
    personId,
    date: testDate,
    method: 'urine_quick',
    result: 'positive',
    substances: ['methamphetamine'],
  });
  if (measureStart)
    await ok(w.host, 'persons.addMeasure', {
      personId,
      kind: 'user_management',
      decisionNumber: `${n}/QĐ-UBND`,
      decisionDate: measureStart,
      authority: 'Chủ tịch UBND xã',
      startDate: measureStart,
    });
  return personId;
}

const byId = (xs: IndicatorResult[], id: string) => xs.find((x) => x.id === id)!;
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

describe('reports over the records', () => {
  it('reproduces the seed: 35 of 124 communes drug-free = 28.2 %, +8.2 points over the 20 % target', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    const template = PLAN_TEMPLATES.find((t) => t.key === 'xa-phuong-khong-ma-tuy-2025')!.plan;
    const plan = await ok(w.host, 'plans.save', { plan: planForProvince(template, '08') });
    expect(plan).toMatchObject({ provinceCode: '08', targets: [{ indicatorId: 'drugFreeCommuneRate', value: 20 }] });
    expect((await ok(w.host, 'plans.list', {})).map((p) => p.id)).toEqual([plan.id]);

    const codes = communesOf('08')
      .slice(0, 35)
      .map((c) => c.code);
    // Without a decision number nothing is written, and the field is named.
    const bad = await err(w.host, 'communeStatus.setMany', { year: 2025, communeCodes: codes, drugFree: true });
    expect(bad.issues).toEqual([{ path: 'drugFreeDecision', code: 'drug_free_decision_required' }]);
    expect(
      await ok(w.host, 'communeStatus.setMany', {
        year: 2025,
        communeCodes: codes,
        drugFree: true,
        drugFreeDecision: '123/QĐ-UBND',
        drugFreeDate: '2026-01-20',
      }),
    ).toEqual({ updated: 35 });
    await ok(w.host, 'communeStatus.set', {
      communeCode: codes[40] ?? communesOf('08')[40]!.code,
      year: 2025,
      keyAreaType: 'I',
    });

    const kpi = await ok(w.host, 'reports.kpi', { ...YEAR_2025, trendYears: 2 });
    expect(kpi.plan?.id).toBe(plan.id);
    expect(byId(kpi.indicators, 'drugFreeCommuneRate')).toMatchObject({
      status: 'ok',
      numerator: 35,
      denominator: 124,
      value: 28.2,
      target: 20,
      delta: 8.2,
      meets: true,
    });
    expect(byId(kpi.indicators, 'drugFreeCommuneRate').trend).toEqual([
      { label: '2023', value: 0 },
      { label: '2024', value: 0 },
      { label: '2025', value: 28.2 },
    ]);
    expect(byId(kpi.indicators, 'keyCommunesUnderTreatment')).toMatchObject({
      value: 1,
      breakdown: [{ key: 'I', value: 1 }],
    });
    // Investigations and rehab indicators are declared and say they have no source yet (or are wired).
    for (const id of ['casesResolvedRate', 'abscondingCount'])
      expect(['no_source', 'ok']).toContain(byId(kpi.indicators, id).status);

    // The router audited the view with the period and area, and no names.
    const audit = w.host
      .openState()
      .raw.prepare(
        `SELECT action, detail FROM audit_log WHERE action IN ('report.view', 'commune_status.set') ORDER BY seq`,
      )
      .all() as { action: string; detail: string }[];
    expect(audit.map((a) => a.action)).toEqual(['commune_status.set', 'commune_status.set', 'report.view']);
    expect(JSON.parse(audit[2]!.detail)).toMatchObject({ report: 'kpi', province: '08', from: '2025-01-01' });

    // The host keeps the figures while nothing is written (the dashboard asks the trend after the period's own
    // figures), and counts again after any write, an earlier year's included.
    expect((await ok(w.host, 'reports.kpi', { ...YEAR_2025, trendYears: 2 })).indicators).toEqual(kpi.indicators);
    await ok(w.host, 'communeStatus.set', {
      communeCode: communesOf('08')[50]!.code,
      year: 2025,
      drugFree: true,
      drugFreeDecision: '124/QĐ-UBND',
    });
    await ok(w.host, 'communeStatus.set', {
      communeCode: communesOf('08')[51]!.code,
      year: 2024,
      drugFree: true,
      drugFreeDecision: '99/QĐ-UBND',
    });
    const after = byId(
      (await ok(w.host, 'reports.kpi', { ...YEAR_2025, trendYears: 2 })).indicators,
      'drugFreeCommuneRate',
    );
    expect(after).toMatchObject({ numerator: 36, denominator: 124, value: 29 });
    expect(after.trend).toEqual([
      { label: '2023', value: 0 },
      { label: '2024', value: 0.8 },
      { label: '2025', value: 29 },
    ]);
  });

  it('counts persons within the caller scope: a commune its own, a leader the province', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    await user(w, w.communeA.code, 0, '2025-03-01', '2025-03-10');
    await user(w, w.communeA.code, 1, '2025-05-01', null);
    await as(w.host, w.accounts.officerB.username);
    const b = await user(w, w.communeB.code, 2, '2024-06-01', '2025-02-01');
    // A second positive test in 2025 does not make them a new addict of 2025 (their first was in 2024).
    await ok(w.host, 'persons.addTest', {
      personId: b,
      date: '2025-04-01',
      method: 'urine_quick',
      result: 'positive',
      substances: ['methamphetamine'],
    });

    await as(w.host, w.accounts.leader.username);
    const province = await ok(w.host, 'reports.kpi', YEAR_2025);
    expect(byId(province.indicators, 'managedReachedRate')).toMatchObject({
      numerator: 2,
      denominator: 3,
      value: 66.7,
    });
    expect(byId(province.indicators, 'newAddicts')).toMatchObject({ value: 2 });
    expect(byId(province.indicators, 'newAddictsGrowth')).toMatchObject({ numerator: 2, denominator: 1, value: 100 });
    const oneCommune = await ok(w.host, 'reports.kpi', { ...YEAR_2025, communeCode: w.communeB.code });
    expect(byId(oneCommune.indicators, 'managedReachedRate')).toMatchObject({ numerator: 1, denominator: 1 });

    await as(w.host, w.accounts.officerA.username);
    const own = await ok(w.host, 'reports.kpi', YEAR_2025);
    expect(own.area).toMatchObject({ provinceCode: '08', communeCode: w.communeA.code });
    expect(byId(own.indicators, 'managedReachedRate')).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    // A commune officer reads no case files: those indicators are not shown to them.
    expect(byId(own.indicators, 'casesDetected').status).toBe('not_visible');
    expect((await err(w.host, 'reports.kpi', { ...YEAR_2025, communeCode: w.communeB.code })).code).toBe('FORBIDDEN');
    expect((await err(w.host, 'reports.kpi', { ...YEAR_2025, provinceCode: '01' })).code).toBe('FORBIDDEN');
    expect((await err(w.host, 'plans.save', { plan: planForProvince(PLAN_TEMPLATES[0]!.plan, '08') })).code).toBe(
      'FORBIDDEN',
    );
    const table = await ok(w.host, 'reports.communes', { year: 2025 });
    expect(table).toHaveLength(1);
    expect(table[0]).toMatchObject({ communeCode: w.communeA.code, onRecord: 2, reached: 1 });

    // The statistical table: two users of commune A by category, age band and sex.
    const tables = await ok(w.host, 'reports.tables', YEAR_2025);
    const byCat = tables.find((t) => t.id === 'personsByCategoryAgeSex')!;
    const total = byCat.rows.find((r) => r.key === 'total')!;
    expect(total.values[total.values.length - 1]).toBe(2);

    // Bad periods are refused naming the field.
    expect((await err(w.host, 'reports.kpi', { from: '2025-12-31', to: '2025-01-01' })).issues).toEqual([
      { path: 'to', code: 'period_order' },
    ]);
  });

  it('exports XLSX with numbers as numbers and CSV with a BOM, each audited as an export', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'plans.save', { plan: planForProvince(PLAN_TEMPLATES[2]!.plan, '08') });
    await ok(w.host, 'communeStatus.setMany', {
      year: 2025,
      communeCodes: communesOf('08')
        .slice(0, 35)
        .map((c) => c.code),
      drugFree: true,
      drugFreeDecision: '123/QĐ-UBND',
    });
    const xlsx = await ok(w.host, 'reports.export', { ...YEAR_2025, format: 'xlsx' });
    expect(xlsx.fileName).toBe('bao-cao-08-2025-01-01_2025-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
    const sheet = wb.getWorksheet('Chỉ tiêu')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'drugFreeCommuneRate')!;
    expect(row.getCell(4).value).toBe(28.2);
    expect(row.getCell(7).value).toBe(20);
    expect(row.getCell(8).value).toBe(8.2);
    expect(wb.getWorksheet('Xã, phường')!.rowCount).toBe(125);

    const csv = await ok(w.host, 'reports.export', { ...YEAR_2025, format: 'csv' });
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('drugFreeCommuneRate,Tỷ lệ xã, phường'.slice(0, 20));
    expect(bytes.toString('utf8')).toMatch(
      /drugFreeCommuneRate,"Tỷ lệ xã, phường được công nhận không ma túy",%,28.2,35,124,20,8.2/,
    );
    await ok(w.host, 'reports.print', YEAR_2025);

    const exports = w.host
      .openState()
      .raw.prepare(`SELECT detail FROM audit_log WHERE action = 'report.export' ORDER BY seq`)
      .all() as { detail: string }[];
    expect(exports.map((e) => JSON.parse(e.detail).format)).toEqual(['xlsx', 'csv', 'print']);
  });

  it('imports commune populations from CSV and shows each commune beside its criteria', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    const bad = await err(w.host, 'communeStatus.importPopulation', { year: 2025, csv: 'ma_xa,dan_so\n123,abc\n' });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues?.[0]).toEqual({ path: 'csv.line2', code: 'population_line_invalid' });
    const csv = `ma_xa,dan_so\n${w.communeA.code},12.000\n${w.communeB.code},8000\n`;
    expect(await ok(w.host, 'communeStatus.importPopulation', { year: 2025, csv })).toEqual({ updated: 2 });
    await as(w.host, w.accounts.officerA.username);
    await user(w, w.communeA.code, 0, '2025-03-01', '2025-03-10');
    await as(w.host, w.accounts.leader.username);
    const rows = await ok(w.host, 'reports.communes', { year: 2025 });
    expect(rows).toHaveLength(124);
    expect(rows.find((r) => r.communeCode === w.communeA.code)).toMatchObject({
      population: 12000,
      onRecord: 1,
      onRecordShare: 0.008,
    });
    // Vietnamese order of names.
    const names = rows.map((r) => r.communeName);
    expect(names.slice(0, 3)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')).slice(0, 3));
  });

  it('counts cases, tips by channel and seizures per unit from the investigations records', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const tip = await ok(w.host, 'tips.create', {
      receivedAt: '2026-11-02T09:30',
      source: 'citizen',
      channel: 'express',
      communeCode: w.communeA.code,
      summary: 'Bưu phẩm chuyển phát nhanh nghi chứa ma túy tổng hợp',
    } as never);
    await ok(w.host, 'tips.decide', {
      tipId: tip.id,
      decision: 'prosecuted',
      decidedOn: '2026-11-10',
      decisionNumber: '45/QĐ-PC04',
      case: { number: '12/2026', prosecutedOn: '2026-11-10', offences: [{ article: '251', clause: 1 }] },
    });
    const c = await ok(w.host, 'cases.create', {
      number: '30/2026',
      prosecutedOn: '2026-03-01',
      offences: [{ article: '249', clause: 1 }],
    });
    await ok(w.host, 'cases.create', {
      number: '3/2025',
      prosecutedOn: '2025-05-01',
      offences: [{ article: '249', clause: 1 }],
    });
    await ok(w.host, 'cases.advance', { caseId: c.id, state: 'recommended', on: '2026-11-15', decisionNumber: 'ĐN-1' });
    for (const [substance, quantity, unit] of [
      ['methamphetamine', 2.5, 'kg'],
      ['methamphetamine', 300, 'g'],
      ['methamphetamine', 0.5, 'kg'],
      ['mdma', 1200, 'tablet'],
    ] as const)
      await ok(w.host, 'seizures.add', {
        caseId: c.id,
        kind: 'substance',
        substance,
        quantity,
        unit,
        seizedOn: '2026-11-01',
      });

    await as(w.host, w.accounts.leader.username);
    const kpi = await ok(w.host, 'reports.kpi', { from: '2026-01-01', to: '2026-12-31' });
    expect(byId(kpi.indicators, 'casesDetected')).toMatchObject({ status: 'ok', value: 2 });
    expect(byId(kpi.indicators, 'casesDetectedGrowth')).toMatchObject({ numerator: 2, denominator: 1, value: 100 });
    // Open for resolution in 2026: both of 2026 and the one of 2025 still under investigation; one resolved.
    expect(byId(kpi.indicators, 'casesResolvedRate')).toMatchObject({ numerator: 1, denominator: 3, value: 33.3 });
    const tips = byId(kpi.indicators, 'tipsVerifiedRateByChannel');
    expect(tips).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(tips.breakdown?.find((b) => b.key === 'express')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 100,
    });
    // Kilograms and grams stay apart; tablets too.
    expect(byId(kpi.indicators, 'seizuresBySubstance').breakdown).toEqual([
      { key: 'mdma', measure: 'tablet', value: 1200 },
      { key: 'methamphetamine', measure: 'g', value: 300 },
      { key: 'methamphetamine', measure: 'kg', value: 3 },
    ]);
    expect(byId(kpi.indicators, 'hotSpotsReformed')).toMatchObject({ status: 'ok', value: 0 });
  });
});
