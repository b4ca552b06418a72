import { describe, expect, it } from 'vitest';
import { makeHost, ok, tempDir } from '../support/host';
import { CLI_LEADER_PW, hoso, initVault } from '../support/cli';

/**
 * The rehab commands on the real binary: facility, referral (add, show --json with state and deadline, advance,
 * list), stay (admit, stage, discharge), methadone (start, stop). JSON follows the password line on stdin.
 */
describe('hoso facility / referral / stay / methadone', () => {
  it('runs a referral to discharge from the command line, refusing bad input with a named field', async () => {
    const dir = tempDir('hoso-cli-rehab-');
    const init = initVault(dir);
    expect(init.code, init.err).toBe(0);
    const as = (args: string[], json?: unknown) =>
      hoso(
        dir,
        ['--user', 'truongphong', '--password-stdin', ...args],
        `${CLI_LEADER_PW}\n${json === undefined ? '' : JSON.stringify(json)}`,
      );
    const json = (r: ReturnType<typeof as>) => {
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out) as Record<string, unknown> & { id: string };
    };

    const person = json(
      as(['--json', 'person', 'add'], { fullName: 'Hoàng Văn Tám', sex: 'male', birthDate: '1992-04-04' }),
    ) as unknown as { person: { id: string } };
    const personId = person.person.id;
    // No command records a determination: the test adds one through the host on the same files.
    const { host } = makeHost(dir);
    await ok(host, 'session.unlock', { username: 'truongphong', password: CLI_LEADER_PW });
    await ok(host, 'persons.addDetermination', {
      personId,
      requestedDate: '2026-08-20',
      facility: 'Trung tâm Y tế',
      resultDate: '2026-08-25',
      result: 'addicted',
    });
    await host.close();

    const facility = json(
      as(['--json', 'facility', 'add'], {
        code: 'CS1',
        name: 'Cơ sở cai nghiện ma túy số 1',
        kind: 'public_compulsory',
        provinceCode: '08',
        capacity: 50,
      }),
    );
    const list = as(['facility', 'list']);
    expect(list.out).toContain('Cơ sở cai nghiện ma túy số 1');
    // A facility is tied to the unit that runs it by the unit's code (its staff then see its people), and edited
    // by a JSON patch; an unknown unit is refused by name.
    const noUnit = as(['facility', 'update', facility.id, '--unit', 'CSCN9']);
    expect(noUnit.code).toBe(2);
    expect(noUnit.err).toContain('không có đơn vị CSCN9');
    const tied = json(as(['--json', 'facility', 'update', facility.id, '--unit', 'PC04']));
    expect(tied.unitId).toBeTruthy();
    // A unit id that names no unit is refused at the field, as on creation.
    const ghost = as(['facility', 'update', facility.id], { unitId: '01a24508-0000-7000-8000-000000000000' });
    expect(ghost.code).toBe(1);
    expect(ghost.err).toContain('unitId');
    expect(json(as(['--json', 'facility', 'update', facility.id], { capacity: 60 }))).toMatchObject({
      capacity: 60,
      unitId: tied.unitId,
    });

    // Bad input names the field in Vietnamese and writes nothing.
    const bad = as(['referral', 'add'], { personId, kind: 'compulsory', discoveredOn: '2031-01-01' });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('discoveredOn');
    const added = json(as(['--json', 'referral', 'add'], { personId, kind: 'compulsory', discoveredOn: '2026-09-01' }));
    expect(added).toMatchObject({ state: 'discovered', deadline: '2026-09-09' });
    const id = added.id;
    const shown = json(as(['--json', 'referral', 'show', id]));
    expect(shown).toMatchObject({ id, state: 'discovered', deadline: '2026-09-09' });
    expect(as(['referral', 'show', id]).out).toContain('Phát hiện');

    // The checklist is ticked by command (an unknown item is refused naming the field), then the steps.
    const badItem = as(['referral', 'document', id], { item: 'passport', done: true });
    expect(badItem.code).not.toBe(0);
    expect(badItem.err).toContain('item');
    for (const item of [
      'short_cv',
      'violation_record',
      'addiction_result',
      'family_comments',
      'commune_comments',
    ] as const)
      expect(
        (
          json(as(['--json', 'referral', 'document', id], { item, done: true, on: '2026-09-02' })) as unknown as {
            checklist: { item: string; done: boolean }[];
          }
        ).checklist.find((c) => c.item === item)?.done,
      ).toBe(true);
    const steps: [string, string, Record<string, unknown>?][] = [
      ['dossier_prepared', '2026-09-03'],
      ['legality_checked', '2026-09-04'],
      ['sent_to_court', '2026-09-07'],
      ['accepted', '2026-09-08'],
      ['decided', '2026-09-15', { decisionKind: 'apply', termMonths: 24, facilityId: facility.id }],
      ['complaint_window', '2026-09-16'],
    ];
    for (const [to, on, extra] of steps) {
      const r = json(as(['--json', 'referral', 'advance', id], { to, on, ...extra }));
      expect(r.state).toBe(to);
    }
    const wrongTerm = as(['referral', 'advance', id], { to: 'closed', on: '2026-09-20' });
    expect(wrongTerm.code).not.toBe(0);
    expect(wrongTerm.err).toContain('to');
    const board = as(['referral', 'list']);
    expect(board.out).toContain('Hoàng Văn Tám');

    const stay = json(
      as(['--json', 'stay', 'admit'], { referralId: id, facilityId: facility.id, admittedOn: '2026-09-30' }),
    );
    expect(stay).toMatchObject({ status: 'in_stay', plannedDischargeOn: '2028-09-30' });
    expect(json(as(['--json', 'stay', 'stage', stay.id], { stage: 'detox', on: '2026-10-02' })).stage).toBe('detox');
    // Absconding and return by command: the referral follows (absconded, then admitted again).
    expect(json(as(['--json', 'stay', 'incident', stay.id], { kind: 'absconded', on: '2026-10-10' })).status).toBe(
      'absconded',
    );
    expect(json(as(['--json', 'referral', 'show', id])).state).toBe('absconded');
    const badReturn = as(['stay', 'incident', stay.id], { kind: 'returned', on: '2026-10-01' });
    expect(badReturn.code).not.toBe(0);
    expect(badReturn.err).toContain('on');
    expect(json(as(['--json', 'stay', 'incident', stay.id], { kind: 'returned', on: '2026-10-20' })).status).toBe(
      'in_stay',
    );
    expect(json(as(['--json', 'referral', 'show', id])).state).toBe('admitted');
    const early = as(['stay', 'discharge', stay.id], { on: '2026-09-01' });
    expect(early.code).not.toBe(0);
    expect(early.err).toContain('on');
    const done = json(as(['--json', 'stay', 'discharge', stay.id], { on: '2026-11-20', certificateNumber: '7/GCN' }));
    expect(done).toMatchObject({ status: 'discharged', certificateNumber: '7/GCN' });
    expect(json(as(['--json', 'referral', 'show', id])).state).toBe('completed');

    const clinic = json(
      as(['--json', 'facility', 'add'], {
        code: 'MT1',
        name: 'Cơ sở điều trị methadone',
        kind: 'methadone_clinic',
        provinceCode: '08',
        capacity: 50,
      }),
    );
    const m = json(as(['--json', 'methadone', 'start'], { personId, clinicId: clinic.id, startedOn: '2026-11-25' }));
    expect(m.status).toBe('treating');
    expect(json(as(['--json', 'methadone', 'stop', m.id], { on: '2026-11-28', reason: 'voluntary' })).status).toBe(
      'stopped',
    );
  }, 600_000);
});
