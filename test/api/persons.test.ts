import { describe, expect, it } from 'vitest';
import { ADMIN, err, ok, TestClock } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';
import { readRecordEntries } from '../../electron/changelog/log-store';
import { referToRehabCentre } from '../support/rehab-world';

type World = Awaited<ReturnType<typeof personsWorld>>;

function duc(w: World, extra: Record<string, unknown> = {}) {
  return {
    fullName: 'Nguyễn Văn Đức',
    sex: 'male' as const,
    birthDate: '1990-05-12',
    citizenId: cccd(1990, 'male'),
    currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn Đồng Tâm' },
    substances: ['heroin' as const],
    ...extra,
  };
}

describe('person records', () => {
  it('refuses invalid input with field-level codes and saves nothing, then accepts the corrected form', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const bad = await err(w.host, 'persons.create', {
      fullName: 'X1',
      sex: 'male',
      birthDate: '1990-02-30',
      citizenId: '12345',
      currentAddress: { provinceCode: '08', communeCode: '99999', street: '' },
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues!.map((i) => i.path).sort()).toEqual(['birthDate', 'citizenId', 'fullName']);
    const wrongCommune = await err(
      w.host,
      'persons.create',
      duc(w, { currentAddress: { provinceCode: '08', communeCode: '00001', street: '' } }),
    );
    expect(wrongCommune.issues).toEqual([{ path: 'currentAddress.communeCode', code: 'commune_unknown' }]);
    expect((await ok(w.host, 'persons.search', { query: 'duc' })).items).toHaveLength(0);
    const f = await ok(w.host, 'persons.create', duc(w));
    expect(f.person).toMatchObject({ fullName: 'Nguyễn Văn Đức', category: 'unclassified', citizenIdWarnings: [] });
    const changes = (await readRecordEntries(w.host.openState().db, 'persons', f.person.id))
      .flatMap((c) => Object.keys(JSON.parse(c.changes) as object))
      .map((field) => ({ field }));
    expect(changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['fullName', 'sex', 'birthDate', 'citizenId', 'curCommune']),
    );
    expect(changes.map((c) => c.field)).not.toContain('sortKey');
  });

  it('finds people whatever the diacritics and case, by part of the name, by CCCD, in Vietnamese order', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const names = [
      'Nguyễn Văn Đức',
      'Nguyễn Văn Dũng',
      'Đặng Thị Ánh',
      'Dương Văn An',
      'Trần Đức Anh',
      'Ông Văn Bình',
      'Lê Thị Ơn',
    ];
    for (const [i, fullName] of names.entries()) {
      await ok(
        w.host,
        'persons.create',
        duc(w, {
          fullName,
          citizenId: cccd(1980 + i, 'male', String(100000 + i)),
          sex: 'male',
          birthDate: `19${80 + i}`,
        }),
      );
    }
    for (const q of ['nguyen van duc', 'NGUYEN VAN ĐUC', 'nguyễn văn đức', 'van duc', 'nguyen duc']) {
      expect(
        (await ok(w.host, 'persons.search', { query: q })).items.map((p) => p.fullName),
        q,
      ).toContain('Nguyễn Văn Đức');
    }
    expect((await ok(w.host, 'persons.search', { query: 'duc' })).items.map((p) => p.fullName).sort()).toEqual(
      ['Nguyễn Văn Đức', 'Trần Đức Anh'].sort(),
    );
    expect((await ok(w.host, 'persons.search', { query: 'dang thi' })).items.map((p) => p.fullName)).toEqual([
      'Đặng Thị Ánh',
    ]);
    expect(
      (await ok(w.host, 'persons.search', { query: '', citizenId: cccd(1983, 'male', '100003') })).items.map(
        (p) => p.fullName,
      ),
    ).toEqual(['Dương Văn An']);
    const all = (await ok(w.host, 'persons.search', { query: '' })).items.map((p) => p.fullName);
    expect(all).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(all.indexOf('Dương Văn An')).toBeLessThan(all.indexOf('Đặng Thị Ánh')); // d before đ
  });

  it('refuses a duplicate CCCD with a link to the existing file, and warns about a similar name', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const first = await ok(w.host, 'persons.create', duc(w));
    const dup = await err(w.host, 'persons.create', duc(w, { fullName: 'Người Khác Hẳn' }));
    expect(dup).toMatchObject({ code: 'DUPLICATE_CITIZEN_ID', existingId: first.person.id });
    const similar = await err(w.host, 'persons.create', duc(w, { fullName: 'Nguyễn Văn Đúc', citizenId: null }));
    expect(similar).toMatchObject({
      code: 'NEEDS_CONFIRMATION',
      issues: [{ path: 'fullName', code: 'similar_person_exists' }],
    });
    const check = await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Nguyen Van Duc',
      birthDate: '1990',
      citizenId: null,
    });
    expect(check.similar.map((p) => p.id)).toEqual([first.person.id]);
    await ok(w.host, 'persons.create', { ...duc(w, { fullName: 'Nguyễn Văn Đúc', citizenId: null }), confirmed: true });
  });

  it('still finds a similar name after the existing file gained other names, and matches those names too', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const first = await ok(w.host, 'persons.create', duc(w));
    await ok(w.host, 'persons.update', { personId: first.person.id, patch: { otherNames: ['Đức Còi', 'Tý'] } });
    const same = await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Nguyễn Văn Đức',
      birthDate: '1990',
      citizenId: null,
    });
    expect(same.similar.map((p) => p.id)).toEqual([first.person.id]);
    const byAlias = await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Đức Còi',
      birthDate: '1990',
      citizenId: null,
    });
    expect(byAlias.similar.map((p) => p.id)).toEqual([first.person.id]);
    const otherYear = await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Nguyễn Văn Đức',
      birthDate: '1991',
      citizenId: null,
    });
    expect(otherYear.similar).toEqual([]);
  });

  it('treats a CCCD that disagrees with sex or birth year as a warning that needs a kept reason', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const mismatched = duc(w, { citizenId: cccd(1990, 'female') });
    const e = await err(w.host, 'persons.create', mismatched);
    expect(e.code).toBe('NEEDS_CONFIRMATION');
    expect(e.issues![0]!.path).toBe('citizenId');
    const noReason = await err(w.host, 'persons.create', { ...mismatched, confirmed: true });
    expect(noReason.issues).toEqual([{ path: 'citizenIdOverrideReason', code: 'required' }]);
    const f = await ok(w.host, 'persons.create', {
      ...mismatched,
      confirmed: true,
      citizenIdOverrideReason: 'Căn cước cấp sai giới tính, đã xác minh',
    });
    expect(f.person.citizenIdWarnings.length).toBe(1);
    expect(f.person.citizenIdOverrideReason).toContain('xác minh');
  });
});

describe('updating a person', () => {
  it('changes only the fields named, keeps the rest, and logs only what changed', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const p = (await ok(w.host, 'persons.create', duc(w, { otherNames: ['Đức Còi'], occupation: 'Làm ruộng' }))).person;
    const u = (await ok(w.host, 'persons.update', { personId: p.id, patch: { occupation: 'Lao động tự do' } })).person;
    expect(u).toMatchObject({
      occupation: 'Lao động tự do',
      citizenId: p.citizenId,
      otherNames: ['Đức Còi'],
      substances: ['heroin'],
    });
    expect(u.currentAddress).toEqual(p.currentAddress);
    const last = (await readRecordEntries(w.host.openState().db, 'persons', p.id)).at(-1)!;
    // Times are not logged: they follow from the change's stamp.
    expect(Object.keys(JSON.parse(last.changes)).sort()).toEqual(['occupation']);
    const renamed = (await ok(w.host, 'persons.update', { personId: p.id, patch: { fullName: 'Nguyễn Văn Đắc' } }))
      .person;
    expect(renamed.fullName).toBe('Nguyễn Văn Đắc');
    expect((await ok(w.host, 'persons.search', { query: 'nguyen van dac' })).items.map((x) => x.id)).toEqual([p.id]);
  });
});

describe('measures, tests and determinations', () => {
  it('a measure that reaches its end date stops counting for the category, without anyone editing the file', async () => {
    const clock = new TestClock(Date.parse('2026-04-20T03:00:00Z'));
    const w = await personsWorld(clock);
    await as(w.host, w.accounts.officerA.username);
    const p = (await ok(w.host, 'persons.create', duc(w))).person;
    const m = await ok(w.host, 'persons.addMeasure', {
      personId: p.id,
      kind: 'methadone',
      decisionNumber: '7/QĐ-TTYT',
      decisionDate: '2026-04-01',
      authority: 'Trung tâm Y tế',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
    });
    expect(m.record.status).toBe('active');
    // The write answers with the file as it now stands, so the screen need not read it again.
    expect(m.file.person.category).toBe('methadone');
    const reads = () =>
      w.host.openState().raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'person.read'`).get();
    const readsBefore = reads();
    const t = await ok(w.host, 'persons.addTest', {
      personId: p.id,
      date: '2026-04-02',
      method: 'urine_quick',
      result: 'negative',
      substances: [],
    });
    expect(t.file.tests.map((x) => x.id)).toContain(t.record.id);
    // The write is audited as a write; no read of the file is logged that nobody made.
    expect(reads()).toEqual(readsBefore);
    expect((await ok(w.host, 'persons.get', { personId: p.id })).person.category).toBe('methadone');
    const changesBefore = w.host.openState().raw.prepare('SELECT count(*) AS n FROM change_log').get();
    // 30/06 is the last day of the measure; on 01/07 (Vietnam) it no longer applies.
    clock.ms = Date.parse('2026-06-30T16:59:00Z');
    await as(w.host, w.accounts.officerA.username);
    expect((await ok(w.host, 'persons.search', { query: 'nguyen van duc' })).items[0]!.category).toBe('methadone');
    clock.ms = Date.parse('2026-06-30T17:01:00Z');
    expect((await ok(w.host, 'persons.search', { query: 'nguyen van duc' })).items[0]!.category).toBe('unclassified');
    expect((await ok(w.host, 'persons.get', { personId: p.id })).person.category).toBe('unclassified');
    // A derived field: recomputed here, never sent to other workstations.
    expect(w.host.openState().raw.prepare('SELECT count(*) AS n FROM change_log').get()).toEqual(changesBefore);
  });

  it('derive the category, compute end dates and the registration deadline, and build the timeline', async () => {
    const clock = new TestClock(Date.parse('2026-04-20T03:00:00Z'));
    const w = await personsWorld(clock);
    await as(w.host, w.accounts.officerA.username);
    const p = (await ok(w.host, 'persons.create', duc(w))).person;
    await ok(w.host, 'persons.addTest', {
      personId: p.id,
      date: '2026-04-01',
      method: 'urine_quick',
      result: 'positive',
      substances: ['heroin'],
    });
    expect((await ok(w.host, 'persons.get', { personId: p.id })).person.category).toBe('user');
    const { record: m } = await ok(w.host, 'persons.addMeasure', {
      personId: p.id,
      kind: 'user_management',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2026-04-02',
      authority: 'Chủ tịch UBND xã',
      startDate: '2026-04-03',
    });
    expect(m.endDate).toBe('2027-04-02');
    // Friday 24/04/2026 + 5 working days skips the weekend, 30/04 and 01/05.
    const { record: d } = await ok(w.host, 'persons.addDetermination', {
      personId: p.id,
      requestedDate: '2026-04-10',
      facility: 'Trung tâm Y tế',
      resultDate: '2026-04-24',
      result: 'addicted',
    });
    expect(d.registrationDeadline).toBe('2026-05-06');
    expect((await ok(w.host, 'persons.get', { personId: p.id })).person.category).toBe('addict');
    await ok(w.host, 'persons.addMeasure', {
      personId: p.id,
      kind: 'voluntary_rehab_community',
      decisionNumber: '15/QĐ',
      decisionDate: '2026-04-27',
      authority: 'Chủ tịch UBND xã',
      startDate: '2026-04-28',
    });
    const f = await ok(w.host, 'persons.get', { personId: p.id });
    expect(f.person.category).toBe('in_rehab');
    expect(f.timeline[0]!.date >= f.timeline[f.timeline.length - 1]!.date).toBe(true);
    expect(f.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['measure_start', 'test', 'determination_result']),
    );
    const { record: withCheckIn } = await ok(w.host, 'persons.checkIn', {
      measureId: m.id,
      date: '2026-04-19',
      note: 'Làm việc tại trụ sở',
    });
    expect(withCheckIn.checkIns).toHaveLength(1);
    expect(
      (await err(w.host, 'persons.checkIn', { measureId: m.id, date: '2026-05-19', note: 'tương lai' })).issues,
    ).toEqual([{ path: 'date', code: 'date_in_future' }]);
    expect((await ok(w.host, 'persons.get', { personId: p.id })).person.lastContactAt).toBe('2026-04-19');
    const bad = await err(w.host, 'persons.addMeasure', {
      personId: p.id,
      kind: 'methadone',
      decisionNumber: '1',
      decisionDate: '2026-04-10',
      authority: 'UBND',
      startDate: '2026-04-01',
    });
    expect(bad.issues).toEqual([{ path: 'startDate', code: 'start_before_decision' }]);
  });

  it('lists what is due: measures ending, overdue registrations, people not seen for 90 days', async () => {
    const clock = new TestClock(Date.parse('2026-06-01T03:00:00Z'));
    const w = await personsWorld(clock);
    await as(w.host, w.accounts.officerA.username);
    const p1 = (await ok(w.host, 'persons.create', duc(w))).person;
    await ok(w.host, 'persons.addMeasure', {
      personId: p1.id,
      kind: 'user_management',
      decisionNumber: '1/QĐ',
      decisionDate: '2025-06-10',
      authority: 'UBND xã',
      startDate: '2025-06-15',
    });
    const p2 = (
      await ok(w.host, 'persons.create', duc(w, { fullName: 'Lê Văn Nam', citizenId: cccd(1990, 'male', '222222') }))
    ).person;
    await ok(w.host, 'persons.addDetermination', {
      personId: p2.id,
      requestedDate: '2026-05-01',
      facility: 'TTYT',
      resultDate: '2026-05-05',
      result: 'addicted',
    });
    const soon = await ok(w.host, 'persons.due', { withinDays: 30 });
    expect(soon.items.filter((i) => i.reason === 'measure_ending').map((i) => [i.person.id, i.date])).toEqual([
      [p1.id, '2026-06-14'],
    ]);
    // Record times follow the hybrid clock, which never runs back: the shared test world was made on 23/11/2026,
    // so "created" is that day although this test's clock starts in June. 300 days on, both are 90 days past.
    clock.advance(300 * 86_400_000);
    await as(w.host, w.accounts.officerA.username); // the idle lock closed the session meanwhile
    const due = await ok(w.host, 'persons.due', {});
    expect(due.noContactTruncated).toBe(false);
    const reasons = due.items.map((i) => `${i.person.fullName}:${i.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['Lê Văn Nam:registration_overdue', 'Lê Văn Nam:no_contact']));
    expect(reasons.filter((r) => r.endsWith('measure_ending'))).toEqual([]);
  });
});

describe('who sees what', () => {
  it('a commune officer sees only their commune; rehab staff see identity and category of their facility’s people only; admins nothing', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerB.username);
    const inB = (
      await ok(
        w.host,
        'persons.create',
        duc(w, { currentAddress: { provinceCode: '08', communeCode: w.communeB.code, street: '' } }),
      )
    ).person;
    await as(w.host, w.accounts.officerA.username);
    expect((await err(w.host, 'persons.get', { personId: inB.id })).code).toBe('FORBIDDEN');
    expect((await ok(w.host, 'persons.search', { query: 'nguyen' })).items).toHaveLength(0);
    await as(w.host, w.accounts.investigator.username);
    expect((await ok(w.host, 'persons.get', { personId: inB.id })).person.currentAddress?.communeCode).toBe(
      w.communeB.code,
    );
    // Rehab staff see the people referred to their own facility, and no one else.
    await as(w.host, w.accounts.rehab.username);
    expect((await err(w.host, 'persons.get', { personId: inB.id })).code).toBe('FORBIDDEN');
    await referToRehabCentre(w, inB.id, w.accounts.officerB.username);
    await as(w.host, w.accounts.rehab.username);
    const limited = await ok(w.host, 'persons.get', { personId: inB.id });
    expect(limited.limited).toBe(true);
    expect(limited.person.currentAddress).toBeNull();
    expect(limited.person.substances).toEqual([]);
    expect(
      (
        await err(w.host, 'persons.addTest', {
          personId: inB.id,
          date: '2026-01-01',
          method: 'lab',
          result: 'negative',
        })
      ).code,
    ).toBe('FORBIDDEN');
    await as(w.host, ADMIN.username);
    expect((await err(w.host, 'persons.search', { query: 'nguyen' })).code).toBe('FORBIDDEN');
    expect((await err(w.host, 'persons.get', { personId: inB.id })).code).toBe('FORBIDDEN');
  }, 300_000);

  it('audits every read and print, and shows leaders who read a file', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const p = (await ok(w.host, 'persons.create', duc(w))).person;
    await ok(w.host, 'persons.get', { personId: p.id });
    const printed = await ok(w.host, 'persons.print', { personId: p.id, purpose: 'Báo cáo' });
    expect(printed.html).toContain('Nguyễn Văn Đức');
    expect(printed.html).toContain('12/05/1990');
    expect(printed.html).toContain('size: A4');
    // 20:00 UTC on the 23rd is already the 24th in Vietnam: the place-and-date line gives the Vietnamese day.
    w.clock.ms = Date.parse('2026-11-23T20:00:00Z');
    await as(w.host, w.accounts.officerA.username); // twelve idle hours locked the vault
    const late = await ok(w.host, 'persons.print', { personId: p.id, purpose: 'Báo cáo' });
    expect(late.html).toContain('ngày 24 tháng 11 năm 2026');
    expect((await err(w.host, 'persons.readers', { personId: p.id })).code).toBe('FORBIDDEN');
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'persons.get', { personId: p.id });
    const readers = await ok(w.host, 'persons.readers', { personId: p.id });
    expect(readers.map((r) => `${r.username}:${r.action}`)).toEqual(
      expect.arrayContaining([
        'congan.a:person.create',
        'congan.a:person.read',
        'congan.a:person.print',
        'lanhdao:person.read',
      ]),
    );
    const log = JSON.stringify(w.host.openState().raw.prepare('SELECT * FROM audit_log').all());
    expect(log).not.toContain('Nguyễn');
    expect(log).not.toContain(cccd(1990, 'male'));
  });

  it('a leader merges two files of one person, keeping every measure and test', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const a = (await ok(w.host, 'persons.create', duc(w))).person;
    const b = (
      await ok(w.host, 'persons.create', {
        ...duc(w, { fullName: 'Nguyễn Văn Đứt', citizenId: null, otherNames: ['Đức Còi'] }),
        confirmed: true,
      })
    ).person;
    await ok(w.host, 'persons.addTest', {
      personId: b.id,
      date: '2026-01-05',
      method: 'lab',
      result: 'positive',
      substances: ['heroin'],
    });
    expect((await err(w.host, 'persons.merge', { keepId: a.id, mergeId: b.id })).code).toBe('FORBIDDEN');
    await as(w.host, w.accounts.leader.username);
    const merged = await ok(w.host, 'persons.merge', { keepId: a.id, mergeId: b.id });
    expect(merged.tests).toHaveLength(1);
    expect(merged.person.otherNames).toEqual(expect.arrayContaining(['Nguyễn Văn Đứt', 'Đức Còi']));
    expect(merged.person.category).toBe('user');
    const found = (await ok(w.host, 'persons.search', { query: 'duc coi' })).items.map((p) => p.id);
    expect(found).toEqual([a.id]);
    expect((await err(w.host, 'persons.update', { personId: b.id, patch: { occupation: 'x' } })).code).toBe('CONFLICT');
  });
});
