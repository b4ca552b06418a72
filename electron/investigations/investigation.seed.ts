import { v7 as uuidv7 } from 'uuid';
import type { InvestigationsSeeded } from '../../shared/contract';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import {
  SUBSTANCE_UNITS,
  TIP_CHANNEL_LIST,
  TIP_SOURCE_LIST,
  type SeizedSubstance,
} from '../../shared/domain/investigations/catalog';
import { OFFENCES, type OffenceRef } from '../../shared/domain/investigations/offences';
import { caseResolved, type CaseState } from '../../shared/domain/investigations/states';
import { addDays, vietnamDay } from '../../shared/domain/working-days';
import { communesOf } from '../../shared/places';
import type { DomainContext } from '../host/context';
import { caseDerived, tipDerived } from './investigation.mapper';
import { mulberry32 } from '../platform/random';
import { settingsRepository } from '../platform/settings.repository';

/** Where the seeder remembers how many of the cases on file it made itself. */
const SEEDED_KEY = 'seeded_cases';

/** Offences as the plans see them: trading and possession dominate, then transport, organising, harbouring. */
const OFFENCE_WEIGHTS: readonly [string, number][] = [
  ['251', 40],
  ['249', 30],
  ['250', 8],
  ['255', 7],
  ['256', 6],
  ['256a', 4],
  ['247', 2],
  ['252', 1],
  ['253', 1],
  ['254', 1],
];
const SUBSTANCE_WEIGHTS: readonly [SeizedSubstance, number][] = [
  ['heroin', 30],
  ['methamphetamine', 35],
  ['mdma', 10],
  ['ketamine', 5],
  ['cannabis', 8],
  ['opium', 4],
  ['nps', 3],
  ['cocaine', 1],
  ['precursor', 1],
  ['plants', 3],
];
const SUMMARIES = [
  'Phát hiện đối tượng có biểu hiện mua bán trái phép chất ma túy tại khu vực chợ',
  'Quần chúng tố giác điểm tụ tập sử dụng trái phép chất ma túy',
  'Kiểm tra bưu phẩm chuyển phát nhanh nghi chứa ma túy tổng hợp',
  'Tin báo về đối tượng vận chuyển heroin qua biên giới',
  'Phát hiện nhóm đối tượng mua bán ma túy qua mạng xã hội',
  'Tin báo về việc trồng cây cần sa trong vườn nhà',
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}
function weighted<T>(rnd: () => number, list: readonly [T, number][]): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return list[list.length - 1]![0];
}

/**
 * The `investigations.seed` procedure: tips, cases (most from a tip), suspects drawn from the persons on file,
 * seizures and hot spots, in the caller's unit and the chosen province, deterministic for a seed. Refuses a
 * database with real cases unless `intoLive`. Writes through the platform's batch writer (change-logged).
 */
export async function seedInvestigations(
  ctx: DomainContext,
  o: { cases: number; seed: number; provinceCode: string; intoLive: boolean },
): Promise<InvestigationsSeeded> {
  const db = ctx.db();
  const existing = Number(
    (
      await db
        .selectFrom('drugCases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const seededBefore = Number((await settingsRepository.get(db, SEEDED_KEY)) ?? 0);
  if (existing > seededBefore && !o.intoLive)
    throw new AppError(ErrorCodes.CONFLICT, 'this database holds real cases', {
      issues: [{ path: 'intoLive', code: 'seed_live_database' }],
    });
  const t0 = performance.now();
  const w = ctx.batch();
  const rnd = mulberry32(o.seed * 104729 + 31);
  const today = vietnamDay(ctx.now());
  const unitId = ctx.session().unitId;
  const communes = communesOf(o.provinceCode).map((c) => c.code);
  if (!communes.length)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'unknown province', {
      issues: [{ path: 'provinceCode', code: 'province_code_format' }],
    });
  const maxPk = Number(
    (w.statement('SELECT max(pk) AS n FROM persons').get([]) as { n: number | null } | undefined)?.n ?? 0,
  );
  const personAt = w.statement('SELECT id FROM persons WHERE pk >= ? AND deleted_at IS NULL ORDER BY pk LIMIT 1');
  const randomPerson = (): string | null =>
    maxPk ? ((personAt.get([1 + Math.floor(rnd() * maxPk)]) as { id: string } | undefined)?.id ?? null) : null;
  const counts = { tips: 0, cases: 0, suspects: 0, seizures: 0, hotspots: 0 };
  const number0 = seededBefore;
  const day0 = addDays(today, -3 * 365);

  const one = (i: number) => {
    const communeCode = pick(rnd, communes);
    const place = { unitId, provinceCode: o.provinceCode, communeCode };
    const receivedOn = addDays(day0, Math.floor(rnd() * (3 * 365 - 30)));
    const tipId = uuidv7();
    const prosecuted = rnd() < 0.8;
    const age = Math.floor((Date.parse(today) - Date.parse(receivedOn)) / 86_400_000);
    const tipState = prosecuted
      ? 'prosecuted'
      : age < 20
        ? 'verifying'
        : pick(rnd, ['not_prosecuted', 'transferred', 'suspended']);
    const caseId = prosecuted ? uuidv7() : null;
    const decidedOn = tipState === 'verifying' ? null : addDays(receivedOn, Math.min(age, 1 + Math.floor(rnd() * 19)));
    w.insert('tips', tipId, {
      receivedOn,
      receivedAt: `${receivedOn}T${String(7 + Math.floor(rnd() * 12)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`,
      ...place,
      receivedBy: null,
      source: pick(rnd, TIP_SOURCE_LIST),
      channel: rnd() < 0.6 ? 'other' : pick(rnd, TIP_CHANNEL_LIST),
      place: null,
      summary: pick(rnd, SUMMARIES),
      personIds: '[]',
      state: tipState,
      decidedOn,
      decisionNumber: decidedOn ? `${100 + (i % 900)}/QĐ` : null,
      decisionNote: null,
      transferredTo: tipState === 'transferred' ? 'Công an tỉnh bạn' : null,
      caseId,
      deadline: tipDerived({ receivedOn }, []).deadline,
    });
    counts.tips++;
    if (!caseId || !decidedOn) return;
    const article = weighted(rnd, OFFENCE_WEIGHTS);
    const clauses = OFFENCES.find((x) => x.article === article)!.clauses;
    const offences: OffenceRef[] = [{ article, clause: rnd() < 0.7 ? 1 : pick(rnd, clauses).clause }];
    if (rnd() < 0.15) offences.push({ article: '249', clause: 1 });
    const uniq = [...new Map(offences.map((x) => [`${x.article}.${x.clause}`, x])).values()];
    const offencesJson = JSON.stringify(uniq);
    const prosecutedOn = decidedOn;
    const sinceProsecution = Math.floor((Date.parse(today) - Date.parse(prosecutedOn)) / 86_400_000);
    const state: CaseState =
      sinceProsecution < 60
        ? 'investigating'
        : sinceProsecution < 120
          ? pick(rnd, ['investigating', 'recommended', 'recommended', 'suspended'])
          : pick(rnd, ['recommended', 'indicted', 'tried', 'tried', 'closed', 'terminated']);
    const stateOn =
      state === 'investigating'
        ? prosecutedOn
        : addDays(prosecutedOn, Math.min(sinceProsecution, 40 + Math.floor(rnd() * 60)));
    const number = `${number0 + i + 1}/${prosecutedOn.slice(0, 4)}`;
    const history = [{ state: 'investigating', on: prosecutedOn, decisionNumber: number, note: null }];
    if (state !== 'investigating') history.push({ state, on: stateOn, decisionNumber: null as never, note: null });
    const extended = state === 'investigating' && sinceProsecution > 50 && rnd() < 0.5;
    const extensions = extended ? [{ months: 2 }] : [];
    w.insert('drugCases', caseId, {
      number,
      ...place,
      prosecutedOn,
      decisionNumber: number,
      prosecutingUnit: null,
      tipId,
      summary: null,
      offences: offencesJson,
      international: rnd() < 0.03 ? 1 : 0,
      partnerCountry: null,
      transnationalRoute: rnd() < 0.05 ? 1 : 0,
      organisedRing: rnd() < 0.1 ? 1 : 0,
      state,
      stateOn,
      stateHistory: JSON.stringify(history),
      ...caseDerived({ offences: offencesJson, prosecutedOn }, extensions),
    });
    counts.cases++;
    if (extended)
      w.insert('caseExtensions', uuidv7(), {
        caseId,
        decisionNumber: `${number}-GH1`,
        decidedOn: addDays(prosecutedOn, 50),
        months: 2,
      });
    const suspects = 1 + Math.floor(rnd() * rnd() * 4);
    const linked = new Set<string>();
    for (let s = 0; s < suspects; s++) {
      const personId = randomPerson();
      if (!personId || linked.has(personId)) continue;
      linked.add(personId);
      w.insert('caseSuspects', uuidv7(), {
        caseId,
        personId,
        role: s === 0 ? (article === '251' ? 'trader' : article === '250' ? 'transporter' : 'possessor') : 'accomplice',
        arrestedOn: prosecutedOn,
        custodyUntil: null,
        measure: rnd() < 0.7 ? 'detention' : 'residence_ban',
        measureFrom: prosecutedOn,
        outcome: caseResolved(state)
          ? state === 'tried' || state === 'closed'
            ? 'convicted'
            : 'prosecuted'
          : 'pending',
        notes: null,
      });
      counts.suspects++;
    }
    const seized = 1 + Math.floor(rnd() * 2);
    for (let s = 0; s < seized; s++) {
      const substance = weighted(rnd, SUBSTANCE_WEIGHTS);
      const unit = pick(rnd, SUBSTANCE_UNITS[substance]);
      const quantity =
        unit === 'kg'
          ? Math.round(rnd() * 5000) / 1000 + 0.001
          : unit === 'g'
            ? Math.round(rnd() * 500_000) / 1000 + 0.01
            : 1 + Math.floor(rnd() * 2000);
      w.insert('seizures', uuidv7(), {
        caseId,
        tipId: null,
        ...place,
        kind: 'substance',
        substance,
        quantity: String(quantity),
        unit,
        exhibit: null,
        count: null,
        description: null,
        seizedOn: prosecutedOn,
      });
      counts.seizures++;
    }
    if (rnd() < 0.3) {
      w.insert('seizures', uuidv7(), {
        caseId,
        tipId: null,
        ...place,
        kind: 'exhibit',
        substance: null,
        quantity: null,
        unit: null,
        exhibit: pick(rnd, ['cash', 'phone', 'vehicle'] as const),
        count: 1 + Math.floor(rnd() * 3),
        description: null,
        seizedOn: prosecutedOn,
      });
      counts.seizures++;
    }
    if (i % 10 === 0) {
      const discoveredOn = addDays(receivedOn, -Math.floor(rnd() * 60));
      const status =
        state === 'investigating'
          ? 'under_treatment'
          : rnd() < 0.85
            ? 'eliminated'
            : rnd() < 0.5
              ? 'reformed'
              : 'active';
      const statusOn = status === 'under_treatment' ? prosecutedOn : stateOn;
      w.insert('hotspots', uuidv7(), {
        ...place,
        address: `Tổ ${1 + Math.floor(rnd() * 30)}, thôn ${1 + Math.floor(rnd() * 12)}`,
        kind: rnd() < 0.7 ? 'point' : 'cluster',
        activities: JSON.stringify(rnd() < 0.6 ? ['use'] : ['use', 'sale']),
        discoveredOn: discoveredOn < statusOn ? discoveredOn : statusOn,
        status,
        statusOn,
        eliminatedOn: status === 'eliminated' || status === 'reformed' ? stateOn : null,
        eliminatedByCaseId: status === 'eliminated' || status === 'reformed' ? caseId : null,
        reformedCount: status === 'reformed' ? 1 : 0,
        reformedOn: status === 'reformed' ? stateOn : null,
        notes: null,
        history: JSON.stringify([{ status, on: statusOn, caseId: null, note: null }]),
      });
      counts.hotspots++;
    }
  };

  const STEP = 2000;
  const chunk = w.transaction((from: number, to: number) => {
    for (let i = from; i < to && counts.cases < o.cases; i++) one(i);
  });
  for (let from = 0; counts.cases < o.cases; from += STEP) {
    chunk(from, from + STEP);
    ctx.progress(counts.cases, o.cases);
  }
  ctx.progress(counts.cases, o.cases);
  await settingsRepository.put(db, SEEDED_KEY, String(seededBefore + counts.cases), ctx.now());
  return { ...counts, ms: Math.round(performance.now() - t0) };
}
