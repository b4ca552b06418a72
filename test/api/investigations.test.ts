import { describe, expect, it } from 'vitest';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';
import type { HostCore } from '../../electron/host/host';

type World = Awaited<ReturnType<typeof personsWorld>>;

/** Rows of the investigations tables and of the change log: "nothing written" compares these. */
function counts(host: HostCore) {
  const raw = host.openState().raw;
  const n = (t: string) => (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return Object.fromEntries(
    [
      'tips',
      'tip_extensions',
      'drug_cases',
      'case_extensions',
      'case_suspects',
      'seizures',
      'hotspots',
      'change_log',
      'persons',
    ].map((t) => [t, n(t)]),
  );
}

function auditOf(host: HostCore, recordType: string) {
  return host
    .openState()
    .raw.prepare(
      `SELECT action, record_id AS recordId, outcome, detail FROM audit_log WHERE record_type = ? ORDER BY seq`,
    )
    .all(recordType) as { action: string; recordId: string | null; outcome: string; detail: string | null }[];
}

async function tip(w: World, extra: Record<string, unknown> = {}) {
  return ok(w.host, 'tips.create', {
    receivedAt: '2026-11-02T09:30',
    source: 'citizen',
    channel: 'express',
    communeCode: w.communeA.code,
    summary: 'Bưu phẩm chuyển phát nhanh nghi chứa ma túy tổng hợp',
    ...extra,
  } as never);
}

describe('investigations through the router', () => {
  it('a tip decided into a case: deadline 20 days, decision date checked, the case opened with its severity', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const t = await tip(w);
    // 02/11/2026 + 20 days = 22/11/2026, a Sunday: the next working day, 23/11 (today in the test world).
    expect(t).toMatchObject({
      receivedOn: '2026-11-02',
      state: 'verifying',
      deadline: '2026-11-23',
      daysLeft: 0,
      resolved: false,
    });
    expect(t.provinceCode).toBe('08');

    const before = counts(w.host);
    const early = await err(w.host, 'tips.decide', { tipId: t.id, decision: 'prosecuted', decidedOn: '2026-11-01' });
    expect(early.issues).toEqual([{ path: 'decidedOn', code: 'decision_before_receipt' }]);
    const badCase = await err(w.host, 'tips.decide', {
      tipId: t.id,
      decision: 'prosecuted',
      decidedOn: '2026-11-10',
      case: { number: '12/2026', prosecutedOn: '2026-11-10', offences: [{ article: '251', clause: 7 }] },
    });
    expect(badCase.issues).toEqual([{ path: 'case.offences.0.clause', code: 'offence_clause_unknown' }]);
    expect(counts(w.host)).toEqual(before);

    const decided = await ok(w.host, 'tips.decide', {
      tipId: t.id,
      decision: 'prosecuted',
      decidedOn: '2026-11-10',
      decisionNumber: '45/QĐ-PC04',
      case: { number: '12/2026', prosecutedOn: '2026-11-10', offences: [{ article: '251', clause: 1 }] },
    });
    expect(decided).toMatchObject({ state: 'prosecuted', resolved: true, daysLeft: null });
    const c = await ok(w.host, 'cases.get', { caseId: decided.caseId! });
    // 251.1: 2–7 years, serious: 3 months from 10/11/2026 = 10/02/2027, a Wednesday but in Tết 2027 → next working day.
    expect(c).toMatchObject({
      number: '12/2026',
      tipId: t.id,
      severity: 'serious',
      state: 'investigating',
      resolved: false,
    });
    expect(c.deadline >= '2027-02-10').toBe(true);
    // A decided tip cannot be decided again.
    expect(
      (await err(w.host, 'tips.decide', { tipId: t.id, decision: 'not_prosecuted', decidedOn: '2026-11-11' })).issues,
    ).toEqual([{ path: 'decision', code: 'tip_already_decided' }]);
    const actions = auditOf(w.host, 'tip').map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['tip.create', 'tip.decide']));
    expect(auditOf(w.host, 'case').map((a) => a.action)).toContain('case.read');
  });

  it('a suspended verification resumed runs its 20 days afresh from the resumption (CPC Art. 149)', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const t = await tip(w, { receivedAt: undefined, receivedOn: '2026-10-01' });
    expect(t).toMatchObject({ deadline: '2026-10-21', daysLeft: -33 });
    const suspended = await ok(w.host, 'tips.decide', { tipId: t.id, decision: 'suspended', decidedOn: '2026-10-10' });
    expect(suspended).toMatchObject({ state: 'suspended', daysLeft: null, resolved: false });
    const resumed = await ok(w.host, 'tips.decide', { tipId: t.id, decision: 'verifying', decidedOn: '2026-11-16' });
    // 16/11 + 20 days = 06/12/2026, a Sunday → Monday 07/12.
    expect(resumed).toMatchObject({ state: 'verifying', deadline: '2026-12-07', daysLeft: 14 });
    // A commune officer opens no case from the tip: that needs cases.write.
    expect(
      (
        await err(w.host, 'tips.decide', {
          tipId: t.id,
          decision: 'prosecuted',
          decidedOn: '2026-11-20',
          case: { number: '1/2026', prosecutedOn: '2026-11-20', offences: [{ article: '249', clause: 1 }] },
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect((await ok(w.host, 'tips.get', { tipId: t.id })).state).toBe('verifying');
  });

  it('a case with two offences: severity and deadline from the gravest clause, extended within the law only', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const c = await ok(w.host, 'cases.create', {
      number: '20/2026',
      prosecutedOn: '2026-07-31',
      offences: [
        { article: '249', clause: 1 },
        { article: '251', clause: 2 },
      ],
    });
    // 251.2 (7–15 years) is very serious: 4 months; 31/07 + 4 months = 30/11/2026 (Monday).
    expect(c).toMatchObject({
      severity: 'very_serious',
      deadline: '2026-11-30',
      daysLeft: 7,
      extensionsLeft: 2,
      nextExtensionMaxMonths: 4,
    });
    expect(c.offences.map((o) => [o.article, o.clause, o.maxPenalty])).toEqual([
      ['249', 1, 5],
      ['251', 2, 15],
    ]);
    const before = counts(w.host);
    const tooLong = await err(w.host, 'cases.extend', {
      caseId: c.id,
      decisionNumber: 'GH1',
      decidedOn: '2026-11-20',
      months: 5,
    });
    expect(tooLong.issues).toEqual([{ path: 'months', code: 'extension_too_long' }]);
    expect(counts(w.host)).toEqual(before);
    const e1 = await ok(w.host, 'cases.extend', {
      caseId: c.id,
      decisionNumber: 'GH1',
      decidedOn: '2026-11-20',
      months: 4,
    });
    // 30/11/2026 + 4 months = 30/03/2027 (Tuesday).
    expect(e1).toMatchObject({ deadline: '2027-03-30', extensionsLeft: 1 });
    expect(e1.extensions).toEqual([expect.objectContaining({ decisionNumber: 'GH1', months: 4, until: '2027-03-30' })]);
    const e2 = await ok(w.host, 'cases.extend', {
      caseId: c.id,
      decisionNumber: 'GH2',
      decidedOn: '2026-11-23',
      months: 4,
    });
    expect(e2).toMatchObject({ deadline: '2027-07-30', extensionsLeft: 0, nextExtensionMaxMonths: 0 });
    const third = await err(w.host, 'cases.extend', {
      caseId: c.id,
      decisionNumber: 'GH3',
      decidedOn: '2026-11-23',
      months: 1,
    });
    expect(third.issues).toEqual([{ path: 'months', code: 'extension_limit_reached' }]);

    // Dropping the graver offence lowers the severity and the deadline follows (2 extensions already counted).
    const lowered = await ok(w.host, 'cases.update', {
      caseId: c.id,
      patch: { offences: [{ article: '249', clause: 1 }] },
    });
    expect(lowered.severity).toBe('serious');
    // Unknown article: refused naming the field; nothing written.
    const b = counts(w.host);
    expect(
      (await err(w.host, 'cases.update', { caseId: c.id, patch: { offences: [{ article: '300', clause: 1 }] } }))
        .issues,
    ).toEqual([{ path: 'patch.offences.0.article', code: 'offence_article_unknown' }]);
    expect(counts(w.host)).toEqual(b);

    // Workflow: straight to indicted is refused; recommended, then indicted, tried, closed.
    expect((await err(w.host, 'cases.advance', { caseId: c.id, state: 'indicted', on: '2026-11-20' })).issues).toEqual([
      { path: 'state', code: 'state_change_not_allowed' },
    ]);
    expect(
      (await err(w.host, 'cases.advance', { caseId: c.id, state: 'recommended', on: '2026-07-01' })).issues,
    ).toEqual([{ path: 'on', code: 'date_before_prosecution' }]);
    const rec = await ok(w.host, 'cases.advance', {
      caseId: c.id,
      state: 'recommended',
      on: '2026-11-21',
      decisionNumber: 'ĐN-1',
    });
    expect(rec).toMatchObject({ state: 'recommended', resolved: true, daysLeft: null });
    expect(rec.stateHistory.map((h) => h.state)).toEqual(['investigating', 'recommended']);
    expect(
      (await err(w.host, 'cases.extend', { caseId: c.id, decisionNumber: 'GH3', decidedOn: '2026-11-23', months: 1 }))
        .issues,
    ).toEqual([{ path: 'months', code: 'limit_not_running' }]);
  });

  it('seizures in tablets and in kilograms: totals per unit, never summed across units; bad quantities refused', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const c = await ok(w.host, 'cases.create', {
      number: '30/2026',
      prosecutedOn: '2026-11-01',
      offences: [{ article: '250', clause: 3 }],
    });
    expect(c.severity).toBe('especially_serious');
    await ok(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'substance',
      substance: 'mdma',
      quantity: 1200,
      unit: 'tablet',
      seizedOn: '2026-11-01',
    });
    await ok(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'substance',
      substance: 'methamphetamine',
      quantity: 2.5,
      unit: 'kg',
      seizedOn: '2026-11-01',
    });
    await ok(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'substance',
      substance: 'methamphetamine',
      quantity: 0.125,
      unit: 'kg',
      seizedOn: '2026-11-02',
    });
    await ok(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'substance',
      substance: 'methamphetamine',
      quantity: 300,
      unit: 'tablet',
      seizedOn: '2026-11-02',
    });
    const last = await ok(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'exhibit',
      exhibit: 'phone',
      count: 3,
      seizedOn: '2026-11-02',
    });
    expect(last.totals).toEqual({
      substances: [
        { substance: 'mdma', unit: 'tablet', quantity: 1200 },
        { substance: 'methamphetamine', unit: 'kg', quantity: 2.625 },
        { substance: 'methamphetamine', unit: 'tablet', quantity: 300 },
      ],
      exhibits: [{ exhibit: 'phone', count: 3 }],
    });
    const before = counts(w.host);
    const neg = await err(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'substance',
      substance: 'heroin',
      quantity: -3,
      unit: 'g',
      seizedOn: '2026-11-02',
    });
    expect(neg.issues).toEqual([{ path: 'quantity', code: 'quantity_not_positive' }]);
    const noUnit = await err(w.host, 'seizures.add', {
      caseId: c.id,
      kind: 'substance',
      substance: 'heroin',
      quantity: 3,
      seizedOn: '2026-11-02',
    });
    expect(noUnit.issues).toEqual([{ path: 'unit', code: 'quantity_unit_required' }]);
    expect(counts(w.host)).toEqual(before);
    const removed = await ok(w.host, 'seizures.remove', { seizureId: last.seizure.id });
    expect(removed.totals.exhibits).toEqual([]);
    const file = await ok(w.host, 'cases.get', { caseId: c.id });
    expect(file.seizures).toHaveLength(4);
  });

  it('a hot spot eliminated with its case, then re-formed; the workflow refuses a jump back', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const h = await ok(w.host, 'hotspots.create', {
      communeCode: w.communeA.code,
      address: 'Bãi đất trống cạnh cầu Nông Tiến',
      kind: 'point',
      activities: ['use'],
      discoveredOn: '2026-09-01',
    });
    expect(h.status).toBe('active');
    // Another commune is outside a commune officer's reach.
    expect(
      (
        await err(w.host, 'hotspots.create', {
          communeCode: w.communeB.code,
          address: 'x y',
          kind: 'point',
          activities: ['use'],
          discoveredOn: '2026-09-01',
        })
      ).issues,
    ).toEqual([{ path: 'communeCode', code: 'commune_not_in_scope' }]);
    await ok(w.host, 'hotspots.advance', { hotspotId: h.id, status: 'under_treatment', on: '2026-09-10' });
    await as(w.host, w.accounts.investigator.username);
    const c = await ok(w.host, 'cases.create', {
      number: '40/2026',
      prosecutedOn: '2026-10-01',
      offences: [{ article: '255', clause: 1 }],
    });
    const gone = await ok(w.host, 'hotspots.advance', {
      hotspotId: h.id,
      status: 'eliminated',
      on: '2026-10-05',
      caseId: c.id,
    });
    expect(gone).toMatchObject({
      status: 'eliminated',
      eliminatedOn: '2026-10-05',
      eliminatedByCaseId: c.id,
      reformedCount: 0,
    });
    expect(
      (await err(w.host, 'hotspots.advance', { hotspotId: h.id, status: 'active', on: '2026-11-01' })).issues,
    ).toEqual([{ path: 'status', code: 'state_change_not_allowed' }]);
    await as(w.host, w.accounts.officerA.username);
    const back = await ok(w.host, 'hotspots.advance', {
      hotspotId: h.id,
      status: 'reformed',
      on: '2026-11-15',
      note: 'Phát hiện tụ tập trở lại',
    });
    expect(back).toMatchObject({
      status: 'reformed',
      reformedCount: 1,
      reformedOn: '2026-11-15',
      eliminatedOn: '2026-10-05',
    });
    expect(back.history.map((x) => x.status)).toEqual(['active', 'under_treatment', 'eliminated', 'reformed']);
    const list = await ok(w.host, 'hotspots.list', {});
    expect(list.items[0]!.status).toBe('reformed');
    expect(list.byCommune).toEqual([
      { communeCode: w.communeA.code, counts: { active: 0, under_treatment: 0, eliminated: 0, reformed: 1 } },
    ]);
    // The other commune's officer sees none of it.
    await as(w.host, w.accounts.officerB.username);
    expect((await ok(w.host, 'hotspots.list', {})).total).toBe(0);
    expect((await err(w.host, 'hotspots.get', { hotspotId: h.id })).code).toBe('FORBIDDEN');
  });

  it('a commune officer and rehab staff are refused case files asking the host directly; every refusal is audited', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const c = await ok(w.host, 'cases.create', {
      number: '50/2026',
      prosecutedOn: '2026-11-01',
      offences: [{ article: '249', clause: 1 }],
    });
    const t = await tip(w);
    for (const who of [w.accounts.officerA.username, w.accounts.rehab.username]) {
      await as(w.host, who);
      for (const [name, input] of [
        ['cases.get', { caseId: c.id }],
        ['cases.find', { query: '50/2026' }],
        ['cases.print', { caseId: c.id }],
        ['cases.ofPerson', { personId: c.id }],
        ['seizures.add', { caseId: c.id, kind: 'exhibit', exhibit: 'cash', count: 1, seizedOn: '2026-11-02' }],
      ] as const) {
        expect((await err(w.host, name, input as never)).code).toBe('FORBIDDEN');
      }
    }
    // The commune officer reads the tip of the commune (without case-file seizures); rehab staff read no tips.
    await as(w.host, w.accounts.officerA.username);
    expect(await ok(w.host, 'tips.get', { tipId: t.id })).toMatchObject({ id: t.id, seizures: [] });
    await as(w.host, w.accounts.rehab.username);
    expect((await err(w.host, 'tips.get', { tipId: t.id })).code).toBe('FORBIDDEN');
    expect((await err(w.host, 'investigations.deadlines', {})).code).toBe('FORBIDDEN');
    // The router writes each refusal down, naming the procedure (no record is named: none was opened).
    const denied = w.host
      .openState()
      .raw.prepare(`SELECT action, username FROM audit_log WHERE outcome = 'denied' AND action LIKE 'cases.%'`)
      .all() as { action: string; username: string }[];
    expect(
      denied
        .filter((d) => d.action === 'cases.get')
        .map((d) => d.username)
        .sort(),
    ).toEqual([w.accounts.officerA.username, w.accounts.rehab.username].sort());
  });

  it('suspects link persons of the registry (existing or new), are found by number, name without diacritics and CCCD', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const p = await ok(w.host, 'persons.create', {
      fullName: 'Hoàng Văn Thụ',
      sex: 'male',
      birthDate: '1988-03-04',
      citizenId: cccd(1988, 'male', '654321'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: '' },
    });
    const c = await ok(w.host, 'cases.create', {
      number: 'VA-77/2026',
      prosecutedOn: '2026-11-05',
      offences: [{ article: '251', clause: 1 }],
    });
    const withOne = await ok(w.host, 'cases.addSuspect', {
      caseId: c.id,
      personId: p.person.id,
      role: 'trader',
      arrestedOn: '2026-11-05',
      measure: 'detention',
      measureFrom: '2026-11-05',
    });
    expect(withOne.suspects).toEqual([
      expect.objectContaining({
        personId: p.person.id,
        role: 'trader',
        person: expect.objectContaining({ fullName: 'Hoàng Văn Thụ' }),
      }),
    ]);
    expect(
      (await err(w.host, 'cases.addSuspect', { caseId: c.id, personId: p.person.id, role: 'user' })).issues,
    ).toEqual([{ path: 'personId', code: 'suspect_already_linked' }]);
    const withTwo = await ok(w.host, 'cases.addSuspect', {
      caseId: c.id,
      newPerson: {
        fullName: 'Lò Thị Mai',
        sex: 'female',
        birthDate: '1995',
        currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: '' },
      },
      confirmed: true,
      role: 'transporter',
    });
    expect(withTwo.suspects).toHaveLength(2);
    const mai = withTwo.suspects[1]!.personId;
    // Linked only as a suspect: not under management (no category, no measure).
    const maiFile = await ok(w.host, 'persons.get', { personId: mai });
    expect(maiFile.person.category).toBe('unclassified');
    expect(maiFile.measures).toEqual([]);

    expect((await ok(w.host, 'cases.find', { query: 'va-77' })).map((x) => [x.number, x.matchedBy])).toEqual([
      ['VA-77/2026', 'number'],
    ]);
    expect(
      (await ok(w.host, 'cases.find', { query: 'hoang van thu' })).map((x) => [x.id, x.matchedBy, x.suspectCount]),
    ).toEqual([[c.id, 'name', 2]]);
    expect((await ok(w.host, 'cases.find', { query: 'LO THI MAI' })).map((x) => x.id)).toEqual([c.id]);
    expect((await ok(w.host, 'cases.find', { query: cccd(1988, 'male', '654321') })).map((x) => x.matchedBy)).toEqual([
      'citizen_id',
    ]);
    expect(await ok(w.host, 'cases.find', { query: 'không có ai' })).toEqual([]);
    expect(
      (await ok(w.host, 'cases.ofPerson', { personId: p.person.id })).map((x) => [x.number, x.suspectRole]),
    ).toEqual([['VA-77/2026', 'trader']]);
    // The search is audited without the query.
    const searches = auditOf(w.host, 'case').filter((a) => a.action === 'case.search');
    expect(searches.length).toBe(5);
    expect(JSON.stringify(searches)).not.toMatch(/hoang|Hoàng|654321/i);

    const removed = await ok(w.host, 'cases.removeSuspect', { suspectId: withTwo.suspects[1]!.id });
    expect(removed.suspects.map((s) => s.personId)).toEqual([p.person.id]);

    // The print: A4 HTML, escaped, labels not codes, audited.
    const printed = await ok(w.host, 'cases.print', { caseId: c.id, purpose: '<script>x</script>' });
    expect(printed.html).toContain('Hoàng Văn Thụ');
    expect(printed.html).toContain('Tội mua bán trái phép chất ma túy');
    expect(printed.html).toContain('Nghiêm trọng');
    expect(printed.html).not.toContain('<script>x');
    expect(printed.html).not.toMatch(/>(trader|serious|investigating)</);
    expect(auditOf(w.host, 'case').map((a) => a.action)).toContain('case.print');
  });

  it('the deadlines board: tips and cases due within N days, overdue first, for the caller’s scope', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    await tip(w, { receivedAt: undefined, receivedOn: '2026-10-20' }); // due 09/11: overdue
    await tip(w, { receivedAt: undefined, receivedOn: '2026-11-10' }); // due 30/11
    await tip(w, { receivedAt: undefined, receivedOn: '2026-11-20' }); // due 10/12: outside 7 days
    await ok(w.host, 'cases.create', {
      number: '60/2026',
      prosecutedOn: '2026-09-25',
      offences: [{ article: '256a', clause: 1 }],
    }); // 25/11
    const board = await ok(w.host, 'investigations.deadlines', { withinDays: 7 });
    expect(board.map((b) => [b.kind, b.deadline, b.daysLeft])).toEqual([
      ['tip', '2026-11-09', -14],
      ['case', '2026-11-25', 2],
      ['tip', '2026-11-30', 7],
    ]);
    const register = await ok(w.host, 'tips.list', { overdue: true });
    expect(register.total).toBe(1);
    expect(register.items[0]).toMatchObject({ deadline: '2026-11-09', daysLeft: -14 });
    // A commune officer's board shows the commune's tips and no cases.
    await as(w.host, w.accounts.officerA.username);
    expect((await ok(w.host, 'investigations.deadlines', { withinDays: 7 })).map((b) => b.kind)).toEqual([
      'tip',
      'tip',
    ]);
    await as(w.host, w.accounts.officerB.username);
    expect(await ok(w.host, 'investigations.deadlines', { withinDays: 7 })).toEqual([]);
  });
});
