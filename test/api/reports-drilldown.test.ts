import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { err, ok } from '../support/host';
import { as, personsWorld } from '../support/persons';
import { rehabFacility } from '../support/rehab-world';

type World = Awaited<ReturnType<typeof personsWorld>>;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

/** A person of a commune with a positive test (a user on record), optionally with a measure running. */
async function user(w: World, communeCode: string, fullName: string, testDate: string, measure: boolean) {
  const f = await ok(w.host, 'persons.create', {
    fullName,
    sex: 'male',
    birthDate: '1990-03-04',
    citizenId: null,
    currentAddress: { provinceCode: '08', communeCode, street: 'Thôn Một' },
    substances: ['methamphetamine'],
    confirmed: true,
  } as never);
  await ok(w.host, 'persons.addTest', {
    personId: f.person.id,
    date: testDate,
    method: 'urine_quick',
    result: 'positive',
    substances: ['methamphetamine'],
  });
  if (measure)
    await ok(w.host, 'persons.addMeasure', {
      personId: f.person.id,
      kind: 'user_management',
      decisionNumber: '1/QĐ-UBND',
      decisionDate: testDate,
      authority: 'Chủ tịch UBND xã',
      startDate: testDate,
    });
  return f.person.id;
}

/** A referral of commune A's addict carried to admission and an escape, through the real procedures. */
async function abscondedStay(w: World, personId: string) {
  const facility = await rehabFacility(w);
  await as(w.host, w.accounts.officerA.username);
  await ok(w.host, 'persons.addDetermination', {
    personId,
    requestedDate: '2026-08-20',
    facility: 'Trung tâm Y tế',
    resultDate: '2026-08-25',
    result: 'addicted',
  });
  const id = (await ok(w.host, 'referrals.create', { personId, kind: 'compulsory', discoveredOn: '2026-09-01' }))
    .referral.id;
  for (const item of [
    'short_cv',
    'violation_record',
    'addiction_result',
    'family_comments',
    'commune_comments',
  ] as const)
    await ok(w.host, 'referrals.setDocument', { referralId: id, item, done: true, on: '2026-09-03' });
  await ok(w.host, 'referrals.advance', { referralId: id, to: 'dossier_prepared', on: '2026-09-03' });
  await ok(w.host, 'referrals.advance', { referralId: id, to: 'legality_checked', on: '2026-09-07' });
  await as(w.host, w.accounts.leader.username);
  await ok(w.host, 'referrals.advance', { referralId: id, to: 'sent_to_court', on: '2026-09-08' });
  await ok(w.host, 'referrals.advance', { referralId: id, to: 'accepted', on: '2026-09-10' });
  await ok(w.host, 'referrals.advance', {
    referralId: id,
    to: 'decided',
    on: '2026-09-20',
    decisionKind: 'apply',
    termMonths: 24,
    decisionNumber: '12/2026/QĐ-TA',
    court: 'Tòa án nhân dân khu vực 1',
    facilityId: facility.id,
  });
  await ok(w.host, 'referrals.advance', { referralId: id, to: 'complaint_window', on: '2026-09-21' });
  await as(w.host, w.accounts.rehab.username);
  const stay = await ok(w.host, 'stays.admit', { referralId: id, facilityId: facility.id, admittedOn: '2026-09-30' });
  await ok(w.host, 'stays.incident', { stayId: stay.id, kind: 'absconded', on: '2026-10-10' });
  return { referralId: id, stayId: stay.id };
}

/** Records of every source in communes A and B: persons, cases with seizures, tips, hot spots, a referral. */
async function richWorld() {
  const w = await personsWorld();
  await as(w.host, w.accounts.officerA.username);
  const a1 = await user(w, w.communeA.code, 'Lò Văn Một', '2026-02-01', true);
  await user(w, w.communeA.code, 'Lò Văn Hai', '2025-05-01', false);
  await as(w.host, w.accounts.officerB.username);
  await user(w, w.communeB.code, 'Cầm Thị Ba', '2026-04-01', true);
  const hs = await ok(w.host, 'hotspots.create', {
    communeCode: w.communeB.code,
    address: 'Bãi đất trống cạnh chợ',
    kind: 'point',
    activities: ['use'],
    discoveredOn: '2025-06-01',
  } as never);
  await ok(w.host, 'hotspots.create', {
    communeCode: w.communeB.code,
    address: 'Nhà hoang ven suối',
    kind: 'cluster',
    activities: ['use', 'harbouring'],
    discoveredOn: '2026-03-01',
  } as never);

  await as(w.host, w.accounts.investigator.username);
  for (const [channel, decide] of [
    ['express', true],
    ['sea', false],
    ['air', false],
  ] as const) {
    const tip = await ok(w.host, 'tips.create', {
      receivedAt: '2026-05-02T09:30',
      source: 'citizen',
      channel,
      communeCode: w.communeA.code,
      summary: `Tin báo vận chuyển qua kênh ${channel}`,
    } as never);
    if (decide)
      await ok(w.host, 'tips.decide', {
        tipId: tip.id,
        decision: 'not_prosecuted',
        decidedOn: '2026-05-20',
        decisionNumber: '5/QĐ-KKT',
      } as never);
  }
  const c1 = await ok(w.host, 'cases.create', {
    number: '30/2026',
    prosecutedOn: '2026-03-01',
    communeCode: w.communeA.code,
    offences: [{ article: '249', clause: 1 }],
  } as never);
  await ok(w.host, 'cases.create', {
    number: '31/2026',
    prosecutedOn: '2026-06-01',
    communeCode: w.communeB.code,
    offences: [{ article: '251', clause: 2 }],
  } as never);
  await ok(w.host, 'cases.create', {
    number: '3/2025',
    prosecutedOn: '2025-05-01',
    offences: [{ article: '249', clause: 1 }],
  } as never);
  await ok(w.host, 'cases.advance', { caseId: c1.id, state: 'recommended', on: '2026-11-15', decisionNumber: 'ĐN-1' });
  for (const [substance, quantity, unit] of [
    ['methamphetamine', 2.5, 'kg'],
    ['methamphetamine', 300, 'g'],
    ['heroin', 12.5, 'g'],
  ] as const)
    await ok(w.host, 'seizures.add', {
      caseId: c1.id,
      kind: 'substance',
      substance,
      quantity,
      unit,
      seizedOn: '2026-03-01',
    });
  await ok(w.host, 'hotspots.advance', { hotspotId: hs.id, status: 'eliminated', on: '2026-07-01', caseId: c1.id });

  const stay = await abscondedStay(w, a1);
  return { w, a1, c1, stay };
}

// Each test builds a world of every record type through the real procedures (many sign-ins with real argon2).
describe('drill-down to the records behind a number', { timeout: 240_000 }, () => {
  it('lists, for every indicator and part, as many records as the number counts (and per breakdown line)', async () => {
    const { w, c1 } = await richWorld();
    await as(w.host, w.accounts.leader.username);
    const kpi = await ok(w.host, 'reports.kpi', YEAR);
    let checked = 0;
    for (const i of kpi.indicators) {
      expect(i.status, i.id).toBe('ok');
      for (const part of ['numerator', 'denominator'] as const) {
        const figure = i[part];
        if (figure === null || (i.unit === 'breakdown' && part === 'numerator' && i.id === 'seizuresBySubstance'))
          continue;
        const d = await ok(w.host, 'reports.drilldown', { ...YEAR, indicatorId: i.id, part, limit: 200 });
        expect(d.total, `${i.id} ${part}`).toBe(figure);
        expect(d.rows).toHaveLength(Math.min(figure, 200));
        checked++;
      }
      // Each breakdown line lists its own records: a count for channels and states, quantities for seizures.
      for (const b of i.breakdown ?? []) {
        const d = await ok(w.host, 'reports.drilldown', {
          ...YEAR,
          indicatorId: i.id,
          part: 'numerator',
          key: b.key,
          ...(b.measure ? { measure: b.measure } : {}),
          limit: 200,
        });
        if (i.id === 'seizuresBySubstance')
          expect(
            d.rows.reduce((s, r) => s + r.quantity!, 0),
            `${b.key} ${b.measure}`,
          ).toBeCloseTo(b.value, 3);
        else expect(d.total, `${i.id} ${b.key}`).toBe(b.numerator ?? b.value);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);

    // What the rows say: persons by name, cases by number, seizures with their case, the escape with its person.
    const reached = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'managedReachedRate',
      part: 'numerator',
    });
    expect(reached.recordType).toBe('person');
    expect(reached.rows.map((r) => r.title).sort()).toEqual(['Cầm Thị Ba', 'Lò Văn Một']);
    const cases = await ok(w.host, 'reports.drilldown', { ...YEAR, indicatorId: 'casesDetected', part: 'numerator' });
    expect(cases.rows.map((r) => r.title)).toEqual(['31/2026', '30/2026']);
    expect(cases.rows[1]).toMatchObject({ recordType: 'case', id: c1.id, detail: 'recommended', date: '2026-03-01' });
    const heroin = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'seizuresBySubstance',
      part: 'numerator',
      key: 'heroin',
      measure: 'g',
    });
    expect(heroin.rows).toEqual([
      expect.objectContaining({ recordType: 'seizure', title: '30/2026', caseId: c1.id, quantity: 12.5, measure: 'g' }),
    ]);
    const escaped = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'abscondingCount',
      part: 'numerator',
    });
    expect(escaped.rows).toEqual([
      expect.objectContaining({ recordType: 'stay', title: 'Lò Văn Một', date: '2026-10-10', kind: 'absconded' }),
    ]);
    const communes = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'drugFreeCommuneRate',
      part: 'denominator',
      limit: 10,
      offset: 120,
    });
    expect(communes).toMatchObject({ recordType: 'commune', total: communesOf('08').length, offset: 120 });
    expect(communes.rows).toHaveLength(communesOf('08').length - 120);

    // A part an indicator does not have is refused, naming the field.
    expect(
      (await err(w.host, 'reports.drilldown', { ...YEAR, indicatorId: 'casesDetected', part: 'denominator' })).issues,
    ).toEqual([{ path: 'part', code: 'drill_part_none' }]);
  });

  it('pages, keeps to the caller scope and audits every drill-down without names', async () => {
    const { w } = await richWorld();
    await as(w.host, w.accounts.leader.username);
    const page1 = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'managedReachedRate',
      part: 'denominator',
      limit: 2,
    });
    const page2 = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'managedReachedRate',
      part: 'denominator',
      limit: 2,
      offset: 2,
    });
    expect(page1.total).toBe(3);
    expect([...page1.rows, ...page2.rows].map((r) => r.id).sort()).toHaveLength(3);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(3);

    // A commune officer: their commune only, never the other's people; no case files at all.
    await as(w.host, w.accounts.officerA.username);
    const own = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'managedReachedRate',
      part: 'denominator',
    });
    expect(own.rows.map((r) => r.title).sort()).toEqual(['Lò Văn Hai', 'Lò Văn Một']);
    expect(own.rows.every((r) => r.communeCode === w.communeA.code)).toBe(true);
    expect(
      (
        await err(w.host, 'reports.drilldown', {
          ...YEAR,
          communeCode: w.communeB.code,
          indicatorId: 'managedReachedRate',
          part: 'denominator',
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (await err(w.host, 'reports.drilldown', { ...YEAR, indicatorId: 'casesDetected', part: 'numerator' })).code,
    ).toBe('FORBIDDEN');
    // Hot spots of commune B stay out of commune A's list.
    const spots = await ok(w.host, 'reports.drilldown', {
      ...YEAR,
      indicatorId: 'hotSpotsEliminatedRate',
      part: 'denominator',
    });
    expect(spots.total).toBe(0);

    const audit = w.host
      .openState()
      .raw.prepare(`SELECT detail, outcome FROM audit_log WHERE action = 'report.drilldown' ORDER BY seq`)
      .all() as { detail: string; outcome: string }[];
    const ok3 = audit.filter((a) => a.outcome === 'ok').map((a) => JSON.parse(a.detail));
    expect(ok3[0]).toMatchObject({
      report: 'drilldown',
      indicator: 'managedReachedRate',
      part: 'denominator',
      province: '08',
      from: '2026-01-01',
      to: '2026-12-31',
      total: 3,
      rows: 2,
    });
    expect(ok3).toHaveLength(4);
    // Refusals are audited too, and no entry carries a name.
    expect(audit.length).toBeGreaterThan(ok3.length);
    for (const a of audit) expect(a.detail).not.toMatch(/Lò Văn|Cầm Thị/);
  });

  it('exports a drill-down with names only for a stated purpose, which the audit keeps', async () => {
    const { w } = await richWorld();
    await as(w.host, w.accounts.leader.username);
    const q = { ...YEAR, indicatorId: 'managedReachedRate', part: 'numerator' } as const;
    const none = await err(w.host, 'reports.drilldownExport', { ...q, format: 'csv', purpose: ' ' });
    expect(none.issues).toEqual([{ path: 'purpose', code: 'purpose_required' }]);

    const csv = await ok(w.host, 'reports.drilldownExport', {
      ...q,
      format: 'csv',
      purpose: 'Rà soát danh sách quản lý quý IV',
    });
    expect(csv.fileName).toBe('ho-so-sau-so-lieu-managedReachedRate-tu-so-08-2026-01-01_2026-12-31.csv');
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Mục đích xuất,Rà soát danh sách quản lý quý IV');
    expect(text).toMatch(/1,Người,(Lò Văn Một|Cầm Thị Ba),/);

    const xlsx = await ok(w.host, 'reports.drilldownExport', { ...q, format: 'xlsx', purpose: 'Gửi Viện kiểm sát' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
    const sheet = wb.getWorksheet('Hồ sơ')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    expect(sheet.getRow(2).getCell(6).value).toBeInstanceOf(Date);

    const audit = w.host
      .openState()
      .raw.prepare(`SELECT detail FROM audit_log WHERE action = 'report.export' AND outcome = 'ok' ORDER BY seq`)
      .all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([
      expect.objectContaining({
        report: 'drilldown',
        format: 'csv',
        purpose: 'Rà soát danh sách quản lý quý IV',
        rows: 2,
      }),
      expect.objectContaining({ report: 'drilldown', format: 'xlsx', purpose: 'Gửi Viện kiểm sát', rows: 2 }),
    ]);
  });

  it('gives the statistical tables of seizures, cases by article, referrals by state and escapes', async () => {
    const { w } = await richWorld();
    await as(w.host, w.accounts.leader.username);
    const tables = await ok(w.host, 'reports.tables', YEAR);
    const table = (id: string) => tables.find((t) => t.id === id)!;
    const cell = (id: string, row: string, col: string) => {
      const t = table(id);
      return t.rows.find((r) => r.key === row)?.values[t.columns.findIndex((c) => c.key === col)];
    };
    expect(table('seizuresBySubstance')).toMatchObject({ decimals: 3, rowHead: { vi: 'Chất ma túy' } });
    expect(table('seizuresBySubstance').columns.map((c) => c.key)).toEqual(['g', 'kg']);
    expect(cell('seizuresBySubstance', 'methamphetamine', 'kg')).toBe(2.5);
    expect(cell('seizuresBySubstance', 'methamphetamine', 'g')).toBe(300);
    expect(cell('seizuresBySubstance', 'heroin', 'g')).toBe(12.5);
    expect(cell('seizuresBySubstance', 'heroin', 'kg')).toBe(0);
    // 2026's cases: 30/2026 under Art. 249 cl. 1 and 31/2026 under Art. 251 cl. 2 (3/2025 is outside the period).
    expect(table('casesByArticle').rows.map((r) => r.key)).toEqual(['249', '251']);
    expect(table('casesByArticle').rows[0]!.label.vi).toMatch(/^Điều 249 — /);
    expect(cell('casesByArticle', '249', 'clause1')).toBe(1);
    expect(cell('casesByArticle', '251', 'clause2')).toBe(1);
    expect(cell('casesByArticle', '251', 'cases')).toBe(1);
    expect(table('referralsByState').rows.map((r) => [r.key, r.values[0]])).toEqual([
      ['absconded', 1],
      ['total', 1],
    ]);
    expect(cell('abscondings', 'absconded', 'times')).toBe(1);
    const kpi = await ok(w.host, 'reports.kpi', YEAR);
    expect(kpi.indicators.find((i) => i.id === 'abscondingCount')).toMatchObject({ status: 'ok', value: 1 });
    expect(kpi.indicators.find((i) => i.id === 'referralsByState')).toMatchObject({
      value: 1,
      breakdown: [{ key: 'absconded', value: 1 }],
    });

    // A commune officer reads no case files: no seizure or article table, but their commune's referrals.
    await as(w.host, w.accounts.officerA.username);
    const own = await ok(w.host, 'reports.tables', YEAR);
    expect(own.map((t) => t.id)).not.toContain('casesByArticle');
    expect(own.map((t) => t.id)).not.toContain('seizuresBySubstance');
    expect(own.find((t) => t.id === 'referralsByState')?.rows.at(-1)?.values).toEqual([1]);
    // The export carries them as sheets with numbers as numbers.
    await as(w.host, w.accounts.leader.username);
    const xlsx = await ok(w.host, 'reports.export', { ...YEAR, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as never);
    const sheets = wb.worksheets.map((s) => s.getCell(1, 1).value);
    expect(sheets).toEqual(expect.arrayContaining(['Chất ma túy', 'Điều', 'Trạng thái']));
    const seized = wb.worksheets.find((s) => s.getCell(1, 1).value === 'Chất ma túy')!;
    const meth = seized
      .getRows(2, seized.rowCount - 1)!
      .find((r) => String(r.getCell(1).value).startsWith('Methamphetamine'));
    expect(meth?.getCell(3).value).toBe(2.5);
  });

  it("shows each commune's Decision 28/2025 criteria beside the records, within what the role reads", async () => {
    const { w, a1 } = await richWorld();
    await as(w.host, w.accounts.investigator.username);
    const grow = await ok(w.host, 'cases.create', {
      number: '40/2026',
      prosecutedOn: '2026-08-01',
      communeCode: w.communeA.code,
      offences: [{ article: '247', clause: 1 }],
    } as never);
    await ok(w.host, 'cases.addSuspect', {
      caseId: grow.id,
      personId: a1,
      role: 'organiser',
      arrestedOn: '2026-08-01',
    } as never);
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'communeStatus.importPopulation', {
      year: 2026,
      csv: `ma_xa,dan_so\n${w.communeA.code},4000\n${w.communeB.code},8000\n`,
    });
    const rows = await ok(w.host, 'reports.communes', { year: 2026 });
    const a = rows.find((r) => r.communeCode === w.communeA.code)!;
    const b = rows.find((r) => r.communeCode === w.communeB.code)!;
    expect(a).toMatchObject({ onRecord: 2, onRecordShare: 0.05 });
    expect(a.criteria).toEqual({ hotSpots: 0, arrests: 1, arrestShare: 0.025, cultivationCases: 1 });
    // Both of commune B's hot spots were active in 2026 (one eliminated in July): places of use or harbouring.
    expect(b.criteria).toMatchObject({ hotSpots: 2, arrests: 0, cultivationCases: 0 });
    // A commune officer reads hot spots but no case files: those criteria say so instead of a number.
    await as(w.host, w.accounts.officerA.username);
    const own = await ok(w.host, 'reports.communes', { year: 2026 });
    expect(own[0]!.criteria).toEqual({ hotSpots: 0, arrests: null, arrestShare: null, cultivationCases: null });
  });
});
