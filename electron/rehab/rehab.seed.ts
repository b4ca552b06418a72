import { v7 as uuidv7 } from 'uuid';
import type { ParsedInputOf } from '../../shared/contract';
import type { RehabSeedResult } from '../../shared/contract/rehab-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { addMonths } from '../../shared/domain/person-rules';
import { STAY_STAGE_LIST, type ReferralState } from '../../shared/domain/rehab/codes';
import { ageOn, isMinor, plannedDischarge, postRehabPeriod } from '../../shared/domain/rehab/logic';
import { DEFAULT_REHAB_RULES } from '../../shared/domain/rehab/rules';
import { addDays, vietnamDay } from '../../shared/domain/working-days';
import type { DomainContext } from '../host/context';
import { holidaysFor, referralDeadline } from './rehab.derive';
import { mulberry32 } from '../platform/random';
import { settingsRepository } from '../platform/settings.repository';

const SEEDED_KEY = 'seeded_referrals';

/** How the seeded referrals spread over the states: most are admitted or done, every state has some. */
const STATE_WEIGHTS: readonly [ReferralState, number][] = [
  ['discovered', 4],
  ['dossier_prepared', 3],
  ['legality_checked', 2],
  ['sent_to_court', 2],
  ['accepted', 2],
  ['hearing', 2],
  ['decided', 2],
  ['complaint_window', 2],
  ['admitted', 38],
  ['completed', 30],
  ['closed', 2],
  ['deferred', 2],
  ['exempted', 1],
  ['suspended', 1],
  ['absconded', 3],
  ['transferred', 1],
  ['died', 1],
];
/** The main line in order: a seeded referral has passed every step before its state. */
const LINE: readonly ReferralState[] = [
  'discovered',
  'dossier_prepared',
  'legality_checked',
  'sent_to_court',
  'accepted',
  'hearing',
  'decided',
  'complaint_window',
  'admitted',
];
const AFTER: Partial<Record<ReferralState, ReferralState>> = {
  completed: 'admitted',
  absconded: 'admitted',
  transferred: 'admitted',
  died: 'admitted',
  closed: 'decided',
  deferred: 'complaint_window',
  exempted: 'complaint_window',
  suspended: 'complaint_window',
};

function weighted<T>(rnd: () => number, list: readonly (readonly [T, number])[]): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return list[list.length - 1]![0];
}

/**
 * `rehab.seed`: facilities (compulsory centres sized so each holds about 2,000 residents, a voluntary centre,
 * methadone clinics), referrals in every state over the persons on file, their stays, voluntary registrations and
 * methadone episodes, with the measures that make each person's category follow. Deterministic for a seed (the
 * records' contents; ids are fresh). Refuses a database with real referrals unless `intoLive`.
 */
export async function seedRehab(ctx: DomainContext, o: ParsedInputOf<'rehab.seed'>): Promise<RehabSeedResult> {
  const db = ctx.db();
  const existing = Number(
    (
      await db
        .selectFrom('rehabReferrals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const seededBefore = Number((await settingsRepository.get(db, SEEDED_KEY)) ?? 0);
  if (existing > seededBefore && !o.intoLive)
    throw new AppError(ErrorCodes.CONFLICT, 'this database holds real referrals', {
      issues: [{ path: 'intoLive', code: 'seed_live_database' }],
    });
  const holidays = await holidaysFor(db);
  const t0 = performance.now();
  const w = ctx.batch();
  const rnd = mulberry32(o.seed * 7919 + 17);
  const today = vietnamDay(ctx.now());
  const unitId = ctx.session().unitId;
  const unit = unitId
    ? await db.selectFrom('units').select(['provinceCode']).where('id', '=', unitId).executeTakeFirst()
    : undefined;
  const maxPk = Number(
    (w.statement('SELECT max(pk) AS n FROM persons').get([]) as { n: number | null } | undefined)?.n ?? 0,
  );
  if (!maxPk)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'seed persons first', {
      issues: [{ path: 'referrals', code: 'seed_needs_persons' }],
    });
  const personAt = w.statement(
    'SELECT id, birth_date AS birthDate, cur_province AS province, cur_commune AS commune FROM persons WHERE pk >= ? AND deleted_at IS NULL AND merged_into IS NULL ORDER BY pk LIMIT 1',
  );
  type P = { id: string; birthDate: string; province: string | null; commune: string | null };
  const randomPerson = (): P | undefined => personAt.get([1 + Math.floor(rnd() * maxPk)]) as P | undefined;
  const provinceCode =
    unit?.provinceCode ??
    (
      w.statement('SELECT cur_province AS p FROM persons WHERE cur_province IS NOT NULL LIMIT 1').get([]) as
        { p: string } | undefined
    )?.p ??
    '08';

  const counts: RehabSeedResult = { facilities: 0, referrals: 0, stays: 0, voluntary: 0, methadone: 0, ms: 0 };
  const centres: string[] = [];
  const clinics: string[] = [];
  const stamp = `${o.seed}-${seededBefore}`;
  const nCentres = Math.max(2, Math.ceil((o.referrals * 0.45) / 2000));
  w.transaction(() => {
    for (let i = 0; i < nCentres; i++) {
      const id = uuidv7();
      w.insert('rehabFacilities', id, {
        code: `CS-${stamp}-${i + 1}`,
        name: `Cơ sở cai nghiện ma túy số ${i + 1}`,
        kind: 'public_compulsory',
        provinceCode,
        communeCode: null,
        capacity: 2500,
        unitId: null,
      });
      centres.push(id);
    }
    const voluntaryCentre = uuidv7();
    w.insert('rehabFacilities', voluntaryCentre, {
      code: `TN-${stamp}`,
      name: 'Cơ sở cai nghiện ma túy tự nguyện',
      kind: 'voluntary_centre',
      provinceCode,
      communeCode: null,
      capacity: 300,
      unitId: null,
    });
    for (let i = 0; i < 2; i++) {
      const id = uuidv7();
      w.insert('rehabFacilities', id, {
        code: `MT-${stamp}-${i + 1}`,
        name: `Cơ sở điều trị methadone số ${i + 1}`,
        kind: 'methadone_clinic',
        provinceCode,
        communeCode: null,
        capacity: 1000,
        unitId: null,
      });
      clinics.push(id);
    }
  })();
  counts.facilities = nCentres + 3;

  const setCategory = w.statement('UPDATE persons SET category = ? WHERE id = ?');
  const measure = (personId: string, kind: string, start: string, end: string | null, status: string) => {
    const id = uuidv7();
    w.insert('personMeasures', id, {
      personId,
      kind,
      decisionNumber: '—',
      decisionDate: start,
      authority: '—',
      officer: null,
      startDate: start,
      endDate: end,
      status,
      notes: null,
    });
    return id;
  };

  const one = () => {
    const p = randomPerson();
    if (!p) return;
    const discoveredOn = addDays(today, -Math.floor(30 + rnd() * 700));
    if (ageOn(p.birthDate, discoveredOn) < 12) return;
    const state = weighted(rnd, STATE_WEIGHTS);
    const lineEnd = AFTER[state] ?? state;
    const steps = LINE.slice(0, LINE.indexOf(lineEnd) + 1);
    if (AFTER[state]) steps.push(state);
    // Recent states for the early steps, so the board has deadlines still running and some overdue.
    const early = LINE.indexOf(state) >= 0 && LINE.indexOf(state) < 8;
    let on = early ? addDays(today, -Math.floor(rnd() * 12) - steps.length * 2) : discoveredOn;
    const history: { state: ReferralState; on: string; by: null; note: null; at: string }[] = [];
    const dates: Partial<Record<ReferralState, string>> = {};
    for (const s of steps) {
      history.push({ state: s, on, by: null, note: null, at: `${on}T02:00:00.000Z` });
      dates[s] = on;
      on = addDays(
        on,
        s === 'complaint_window' ? 8 : s === 'admitted' ? 200 + Math.floor(rnd() * 300) : 2 + Math.floor(rnd() * 5),
      );
      if (on > today) on = today;
    }
    const minor = isMinor(p.birthDate, history[0]!.on);
    const decided = Boolean(dates.decided);
    const term = minor
      ? 6 + Math.floor(rnd() * 7)
      : dates.decided && dates.decided >= '2026-07-01'
        ? 24
        : 12 + Math.floor(rnd() * 13);
    const admittedOn = dates.admitted ?? null;
    const facilityId = centres[Math.floor(rnd() * centres.length)]!;
    const planned = admittedOn ? plannedDischarge(admittedOn, term) : null;
    const stateOn = history[history.length - 1]!.on;
    const row = {
      personId: p.id,
      state,
      stateOn,
      discoveredOn: history[0]!.on,
      sentOn: dates.sent_to_court ?? null,
      acceptedOn: dates.accepted ?? null,
      minor: minor ? 1 : 0,
      complex: rnd() < 0.05 ? 1 : 0,
      ground: 'determination',
      facilityId: decided || state === 'complaint_window' ? facilityId : null,
      pendingCustody: rnd() < 0.8 ? 'family' : 'facility',
      heldFrom: null,
      heldTo: null,
      deferredUntil: state === 'deferred' ? addDays(stateOn, 90) : null,
      decisionKind: decided ? (state === 'closed' ? 'not_apply' : 'apply') : null,
      decisionTerm: decided && state !== 'closed' ? term : null,
      decisionNumber: decided ? `${(counts.referrals % 900) + 1}/QĐ-TA` : null,
      decisionCourt: decided ? 'Tòa án nhân dân khu vực' : null,
      decisionOn: dates.decided ?? null,
      lawId: decided ? (dates.decided! >= '2026-07-01' ? 'law_120_2025' : 'law_73_2021') : null,
      isRepeat: 0,
      plannedDischargeOn: planned,
      notes: null,
      history: JSON.stringify(history),
      checklist: JSON.stringify(
        Object.fromEntries(
          DEFAULT_REHAB_RULES.checklist
            .filter(() => state !== 'discovered' || rnd() < 0.5)
            .map((c) => [c.item, { done: true, on: history[0]!.on, note: null }]),
        ),
      ),
      provinceCode: p.province,
      communeCode: p.commune,
      unitId,
    };
    const referralId = uuidv7();
    w.insert('rehabReferrals', referralId, { ...row, deadline: referralDeadline(row, holidays) });
    counts.referrals++;
    if (!admittedOn) return;
    const stayStatus =
      state === 'completed'
        ? 'discharged'
        : state === 'absconded'
          ? 'absconded'
          : state === 'admitted'
            ? 'in_stay'
            : 'ended';
    const dischargedOn = stayStatus === 'discharged' || stayStatus === 'ended' ? stateOn : null;
    const stageCount = 1 + Math.floor(rnd() * STAY_STAGE_LIST.length);
    const stages = STAY_STAGE_LIST.slice(0, stageCount).map((stage, k) => ({
      stage,
      on: addDays(admittedOn, k * 30) > today ? today : addDays(admittedOn, k * 30),
    }));
    const open = stayStatus === 'in_stay' || stayStatus === 'absconded';
    const measureId = measure(
      p.id,
      'compulsory_rehab',
      admittedOn,
      dischargedOn ?? planned,
      open ? 'active' : 'completed',
    );
    let postMeasureId: string | null = null;
    if (stayStatus === 'discharged') {
      const period = postRehabPeriod(dischargedOn!);
      postMeasureId = measure(p.id, 'post_rehab_management', period.startDate, period.endDate, 'active');
    }
    w.insert('rehabStays', uuidv7(), {
      personId: p.id,
      facilityId,
      referralId,
      voluntaryId: null,
      admittedOn,
      termMonths: term,
      plannedDischargeOn: planned,
      dischargedOn,
      certificateNumber: stayStatus === 'discharged' ? `${(counts.stays % 9000) + 1}/GCN` : null,
      status: stayStatus,
      stage: stages[stages.length - 1]!.stage,
      stages: JSON.stringify(stages),
      incidents: JSON.stringify(state === 'absconded' ? [{ kind: 'absconded', on: stateOn, note: null }] : []),
      capacityOverride: 0,
      measureId,
      postMeasureId,
      provinceCode: p.province,
      communeCode: p.commune,
      unitId,
    });
    counts.stays++;
    if (open) setCategory.run(['in_rehab', p.id]);
    else if (postMeasureId && addMonths(dischargedOn!, 12) >= today) setCategory.run(['post_rehab', p.id]);
  };

  const side = (k: number) => {
    const p = randomPerson();
    if (!p) return;
    const on = addDays(today, -Math.floor(rnd() * 400));
    if (k % 2 === 0) {
      const stopped = rnd() < 0.3;
      const measureId = measure(
        p.id,
        'methadone',
        on,
        stopped ? addDays(on, 100) : null,
        stopped ? 'interrupted' : 'active',
      );
      w.insert('rehabMethadone', uuidv7(), {
        personId: p.id,
        clinicId: clinics[k % clinics.length]!,
        startedOn: on,
        status: stopped ? 'stopped' : rnd() < 0.1 ? 'paused' : 'treating',
        statusOn: stopped ? addDays(on, 100) : on,
        stoppedOn: stopped ? addDays(on, 100) : null,
        stopReason: stopped ? 'voluntary' : null,
        notes: null,
        measureId,
        provinceCode: p.province,
        communeCode: p.commune,
        unitId,
      });
      if (!stopped) setCategory.run(['methadone', p.id]);
      counts.methadone++;
    } else {
      const termMonths = 6 + Math.floor(rnd() * 7);
      const done = addMonths(on, termMonths) < today;
      const measureId = measure(
        p.id,
        'voluntary_rehab_community',
        on,
        addDays(addMonths(on, termMonths), -1),
        done ? 'completed' : 'active',
      );
      w.insert('rehabVoluntary', uuidv7(), {
        personId: p.id,
        setting: 'community',
        facilityId: null,
        registeredOn: on,
        startOn: on,
        termMonths,
        status: done ? (rnd() < 0.8 ? 'completed' : 'abandoned') : 'in_progress',
        endedOn: done ? addDays(addMonths(on, termMonths), -1) : null,
        notes: null,
        measureId,
        provinceCode: p.province,
        communeCode: p.commune,
        unitId,
      });
      if (!done) setCategory.run(['in_rehab', p.id]);
      counts.voluntary++;
    }
  };

  const CHUNK = 2000;
  const sides = Math.ceil(o.referrals / 5);
  const total = o.referrals + sides;
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK);
    w.transaction(() => {
      for (let i = start; i < end; i++) {
        if (i < o.referrals) one();
        else side(i);
      }
    })();
    ctx.progress(end, total);
  }
  await settingsRepository.put(db, SEEDED_KEY, String(seededBefore + counts.referrals), ctx.now());
  counts.ms = Math.round(performance.now() - t0);
  return counts;
}
