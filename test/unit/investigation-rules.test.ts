import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_LIST,
  CASE_LIMITS,
  CASE_TRANSITIONS,
  HOTSPOT_TRANSITIONS,
  OFFENCES,
  SEVERITY_LIST,
  SUBSTANCE_UNITS,
  TIP_LIMIT,
  TIP_TRANSITIONS,
  addMonths,
  canMove,
  caseDeadline,
  caseResolved,
  caseSeverity,
  checkExtension,
  clauseOf,
  limitDeadline,
  onWorkingDay,
  severityOfPenalty,
  tipDeadline,
  unitFits,
  type OffenceRef,
} from '../../shared/domain/investigations';
import {
  investigationsContract,
  offenceSchema,
  offencesSchema,
  seizureInputSchema,
} from '../../shared/contract/investigations';
import { addDays, dayNumber, defaultHolidays, isWorkingDay, weekday } from '../../shared/domain/working-days';
import { seizureTotals } from '../../electron/investigations/investigation.mapper';
import { investigationLabels } from '../../shared/i18n/investigation-labels';

const day = fc
  .integer({ min: dayNumber('2020-01-01'), max: dayNumber('2034-12-31') })
  .map((n) => addDays('1970-01-01', n));
const holidaysNear = (d: string) => {
  const y = Number(d.slice(0, 4));
  return [...defaultHolidays(y - 1), ...defaultHolidays(y), ...defaultHolidays(y + 1)];
};
const lastDayOf = (y: number, m1: number) => new Date(Date.UTC(y, m1, 0)).getUTCDate();

describe('calendar months (CPC Art. 134)', () => {
  it('31/01 + 1 month ends on the last day of February, 28 or 29', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-12-15', 2)).toBe('2027-02-15');
    expect(addMonths('2026-05-31', 4)).toBe('2026-09-30');
  });

  it('property: the same-numbered day n months later, or that month’s last day where there is none', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), (d, n) => {
        const r = addMonths(d, n);
        const months =
          Number(r.slice(0, 4)) * 12 + Number(r.slice(5, 7)) - (Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)));
        expect(months).toBe(n);
        const want = Math.min(Number(d.slice(8, 10)), lastDayOf(Number(r.slice(0, 4)), Number(r.slice(5, 7))));
        expect(Number(r.slice(8, 10))).toBe(want);
        expect(() => dayNumber(r)).not.toThrow();
      }),
    );
  });

  it('property: months add up monotonically (a later start never ends earlier)', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 20 }), (a, b, n) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(addMonths(x, n) <= addMonths(y, n)).toBe(true);
      }),
    );
  });

  it('property: a limit ending on a rest day ends on the next working day, within ten days', () => {
    fc.assert(
      fc.property(day, (d) => {
        const end = onWorkingDay(d);
        expect(end >= d).toBe(true);
        expect(isWorkingDay(end, holidaysNear(d))).toBe(true);
        expect(dayNumber(end) - dayNumber(d)).toBeLessThan(10);
        for (let x = d; x < end; x = addDays(x, 1)) expect(isWorkingDay(x, holidaysNear(d))).toBe(false);
      }),
    );
  });
});

describe('tip time limit (CPC Art. 147)', () => {
  it('20 days from receipt, not counting the day of receipt, moved off a rest day', () => {
    expect(tipDeadline('2026-03-04')).toBe('2026-03-24'); // Tuesday
    expect(weekday('2026-03-22')).toBe(0);
    expect(tipDeadline('2026-03-02')).toBe('2026-03-23'); // 22/03 is a Sunday
  });

  it('extends up to 2 months from receipt, then once more up to 2 months, and no further', () => {
    expect(tipDeadline('2026-01-31', [{ months: 2 }])).toBe(onWorkingDay('2026-03-31'));
    expect(tipDeadline('2026-01-31', [{ months: 2 }, { months: 2 }])).toBe(onWorkingDay('2026-05-31'));
    const first = { months: 2, decidedOn: '2026-02-10' };
    expect(checkExtension(TIP_LIMIT, '2026-01-31', [], first)).toBeNull();
    expect(checkExtension(TIP_LIMIT, '2026-01-31', [], { months: 3, decidedOn: '2026-02-10' })).toEqual({
      path: 'months',
      code: 'extension_too_long',
    });
    expect(checkExtension(TIP_LIMIT, '2026-01-31', [{ months: 2 }, { months: 2 }], first)).toEqual({
      path: 'months',
      code: 'extension_limit_reached',
    });
    // Decided after the limit ran out, or before receipt.
    expect(checkExtension(TIP_LIMIT, '2026-01-31', [], { months: 2, decidedOn: '2026-03-01' })?.code).toBe(
      'extension_after_deadline',
    );
    expect(checkExtension(TIP_LIMIT, '2026-01-31', [], { months: 2, decidedOn: '2026-01-30' })?.code).toBe(
      'extension_before_start',
    );
  });
});

describe('severity (Criminal Code Art. 9) and the offences as data', () => {
  it('classes each maximum penalty', () => {
    expect(severityOfPenalty(3)).toBe('less_serious');
    expect(severityOfPenalty(7)).toBe('serious');
    expect(severityOfPenalty(15)).toBe('very_serious');
    expect(severityOfPenalty(20)).toBe('especially_serious');
    expect(severityOfPenalty('life')).toBe('especially_serious');
    expect(severityOfPenalty('death')).toBe('especially_serious');
  });

  it('follows the gravest clause of the case', () => {
    expect(caseSeverity([{ article: '247', clause: 1 }])).toBe('less_serious');
    expect(caseSeverity([{ article: '249', clause: 1 }])).toBe('serious');
    expect(
      caseSeverity([
        { article: '249', clause: 1 },
        { article: '251', clause: 2 },
      ]),
    ).toBe('very_serious');
    expect(caseSeverity([{ article: '251', clause: 4 }])).toBe('especially_serious');
    expect(caseSeverity([{ article: '256a', clause: 1 }])).toBe('less_serious');
    expect(caseSeverity([])).toBeNull();
    expect(() => caseSeverity([{ article: '251', clause: 9 }])).toThrow();
  });

  it('holds Chapter XX: Art. 247–259 and 256a, each with clauses in rising order, 247–251 as DOMAIN.md gives them', () => {
    expect([...ARTICLE_LIST].sort()).toEqual(
      ['247', '248', '249', '250', '251', '252', '253', '254', '255', '256', '256a', '257', '258', '259'].sort(),
    );
    for (const o of OFFENCES) {
      expect(o.title.vi).toMatch(/^Tội /);
      o.clauses.forEach((c, i) => expect(c.clause).toBe(i + 1));
    }
    expect(clauseOf('248', 3)).toMatchObject({ minYears: 15, maxPenalty: 20 });
    expect(clauseOf('249', 4)).toMatchObject({ minYears: 15, maxPenalty: 'life' });
    expect(clauseOf('251', 4)).toMatchObject({ minYears: 20, maxPenalty: 'death' });
    expect(clauseOf('247', 2)).toMatchObject({ minYears: 3, maxPenalty: 7 });
  });

  const offence = fc
    .constantFrom(...OFFENCES)
    .chain((o) => fc.constantFrom(...o.clauses).map((c): OffenceRef => ({ article: o.article, clause: c.clause })));

  it('property: adding an offence never lowers the severity, and the order does not matter', () => {
    fc.assert(
      fc.property(fc.array(offence, { minLength: 1, maxLength: 6 }), offence, (list, extra) => {
        const rank = (s: string | null) => SEVERITY_LIST.indexOf(s as never);
        expect(rank(caseSeverity([...list, extra]))).toBeGreaterThanOrEqual(rank(caseSeverity(list)));
        expect(caseSeverity([...list].reverse())).toBe(caseSeverity(list));
      }),
    );
  });

  it('refuses unknown articles and clauses in the input, naming the field', () => {
    const bad = offenceSchema.safeParse({ article: '300', clause: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['article'], message: 'offence_article_unknown' });
    const clause = offenceSchema.safeParse({ article: '251', clause: 5 });
    expect(clause.error!.issues[0]).toMatchObject({ path: ['clause'], message: 'offence_clause_unknown' });
    expect(offenceSchema.parse({ article: 251, clause: 2 })).toEqual({ article: '251', clause: 2 });
    expect(offenceSchema.parse({ article: '256A', clause: 1 })).toEqual({ article: '256a', clause: 1 });
    expect(offencesSchema.safeParse([]).error!.issues[0]!.message).toBe('offences_required');
  });
});

describe('case time limit (CPC Art. 172)', () => {
  it('2 / 3 / 4 / 4 months from prosecution by severity', () => {
    const d = '2026-03-10';
    expect(caseDeadline('less_serious', d)).toBe(onWorkingDay('2026-05-10'));
    expect(caseDeadline('serious', d)).toBe(onWorkingDay('2026-06-10'));
    expect(caseDeadline('very_serious', d)).toBe(onWorkingDay('2026-07-10'));
    expect(caseDeadline('especially_serious', d)).toBe(onWorkingDay('2026-07-10'));
  });

  it('extensions: less serious once ≤ 2; serious ≤ 3 then ≤ 2; very serious twice ≤ 4; especially serious three times ≤ 4', () => {
    const allowed = Object.fromEntries(Object.entries(CASE_LIMITS).map(([k, r]) => [k, r.extensions]));
    expect(allowed).toEqual({
      less_serious: [2],
      serious: [3, 2],
      very_serious: [4, 4],
      especially_serious: [4, 4, 4],
    });
    const serious = CASE_LIMITS.serious;
    expect(checkExtension(serious, '2026-01-05', [], { months: 3, decidedOn: '2026-03-01' })).toBeNull();
    expect(checkExtension(serious, '2026-01-05', [{ months: 3 }], { months: 3, decidedOn: '2026-05-01' })?.code).toBe(
      'extension_too_long',
    );
    expect(
      checkExtension(CASE_LIMITS.less_serious, '2026-01-05', [{ months: 2 }], { months: 1, decidedOn: '2026-02-01' })
        ?.code,
    ).toBe('extension_limit_reached');
  });

  it('property: each extension runs from the previous end; the last day is moved off rest days only at the end', () => {
    fc.assert(
      fc.property(
        day,
        fc.constantFrom(...SEVERITY_LIST),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        (d, sev, months) => {
          const rule = CASE_LIMITS[sev];
          const ext = months
            .slice(0, rule.extensions.length)
            .map((m, i) => ({ months: Math.min(m, rule.extensions[i]!) }));
          const first = 'months' in rule.first ? rule.first.months : 0;
          const chained = ext.reduce((end, e) => addMonths(end, e.months), addMonths(d, first));
          const end = limitDeadline(rule, d, ext);
          expect(end).toBe(onWorkingDay(chained));
          // Chained month ends never pass the same total counted in one go (31/10 + 4 + 4 = 28/06, not 30/06).
          expect(chained <= addMonths(d, first + ext.reduce((s, e) => s + e.months, 0))).toBe(true);
          // Each extension moves the end later.
          for (let i = 1; i <= ext.length; i++)
            expect(limitDeadline(rule, d, ext.slice(0, i)) >= limitDeadline(rule, d, ext.slice(0, i - 1))).toBe(true);
        },
      ),
    );
  });
});

describe('workflows', () => {
  it('tips: verifying → prosecuted / not prosecuted / suspended / transferred; decisions are final', () => {
    expect(TIP_TRANSITIONS.verifying).toEqual(['prosecuted', 'not_prosecuted', 'suspended', 'transferred']);
    expect(canMove(TIP_TRANSITIONS, 'prosecuted', 'verifying')).toBe(false);
    expect(canMove(TIP_TRANSITIONS, 'suspended', 'verifying')).toBe(true);
  });

  it('cases: investigating → recommended / suspended / terminated → indicted → tried → closed; resolved at a final disposition', () => {
    expect(canMove(CASE_TRANSITIONS, 'investigating', 'indicted')).toBe(false);
    expect(canMove(CASE_TRANSITIONS, 'recommended', 'indicted')).toBe(true);
    expect(canMove(CASE_TRANSITIONS, 'closed', 'investigating')).toBe(false);
    expect(caseResolved('investigating')).toBe(false);
    expect(caseResolved('suspended')).toBe(false);
    for (const s of ['recommended', 'terminated', 'indicted', 'tried', 'closed'] as const)
      expect(caseResolved(s)).toBe(true);
    // Every state is reachable from investigating.
    const seen = new Set(['investigating']);
    for (let changed = true; changed;) {
      changed = false;
      for (const s of [...seen])
        for (const t of CASE_TRANSITIONS[s as keyof typeof CASE_TRANSITIONS])
          if (!seen.has(t)) {
            seen.add(t);
            changed = true;
          }
    }
    expect(seen.size).toBe(Object.keys(CASE_TRANSITIONS).length);
  });

  it('hot spots: active → under treatment → eliminated → re-formed, never straight back to active', () => {
    expect(canMove(HOTSPOT_TRANSITIONS, 'eliminated', 'reformed')).toBe(true);
    expect(canMove(HOTSPOT_TRANSITIONS, 'eliminated', 'active')).toBe(false);
    expect(canMove(HOTSPOT_TRANSITIONS, 'reformed', 'eliminated')).toBe(true);
  });
});

describe('seizures', () => {
  it('each substance takes only its units; tablets are not grams', () => {
    expect(unitFits('mdma', 'tablet')).toBe(true);
    expect(unitFits('heroin', 'tablet')).toBe(false);
    expect(unitFits('plants', 'm2')).toBe(true);
    for (const units of Object.values(SUBSTANCE_UNITS)) expect(units.length).toBeGreaterThan(0);
  });

  it('refuses negative, zero or unit-less quantities and a unit that does not fit, naming the field', () => {
    const base = { caseId: '0196b1d0-0000-7000-8000-000000000001', kind: 'substance', seizedOn: '2026-11-01' };
    const issue = (v: object) =>
      seizureInputSchema.safeParse({ ...base, ...v }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issue({ substance: 'heroin', quantity: -1, unit: 'g' })).toEqual([['quantity', 'quantity_not_positive']]);
    expect(issue({ substance: 'heroin', quantity: 5 })).toEqual([['unit', 'quantity_unit_required']]);
    expect(issue({ substance: 'heroin', quantity: 5, unit: 'tablet' })).toEqual([['unit', 'quantity_unit_mismatch']]);
    expect(issue({ substance: 'heroin', quantity: 5, unit: 'g' })).toBeUndefined();
  });

  it('property: totals add up per (substance, unit) exactly and never across units', () => {
    const item = fc.record({
      substance: fc.constantFrom('heroin', 'mdma' as const),
      unit: fc.constantFrom('g', 'kg', 'tablet' as const),
      milli: fc.integer({ min: 1, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const views = items.map((x, i) => ({
          id: String(i),
          caseId: 'c',
          tipId: null,
          kind: 'substance' as const,
          substance: x.substance,
          quantity: x.milli / 1000,
          unit: x.unit,
          exhibit: null,
          count: null,
          description: null,
          seizedOn: '2026-01-01',
          createdAt: '',
        }));
        const totals = seizureTotals(views);
        for (const t of totals.substances) {
          const want = items
            .filter((x) => x.substance === t.substance && x.unit === t.unit)
            .reduce((s, x) => s + x.milli, 0);
          expect(Math.round(t.quantity * 1000)).toBe(want);
        }
        expect(new Set(totals.substances.map((t) => `${t.substance}|${t.unit}`)).size).toBe(totals.substances.length);
        expect(totals.substances.length).toBe(new Set(items.map((x) => `${x.substance}|${x.unit}`)).size);
      }),
    );
  });
});

describe('labels', () => {
  it('name every code in both languages, Vietnamese with diacritics', () => {
    for (const lang of ['vi', 'en'] as const) {
      const L = investigationLabels[lang];
      for (const table of Object.values(L))
        for (const text of Object.values(table)) expect(String(text).length).toBeGreaterThan(0);
    }
    expect(Object.keys(investigationLabels.vi.validation).sort()).toEqual(
      Object.keys(investigationLabels.en.validation).sort(),
    );
    expect(investigationLabels.vi.severity.especially_serious).toBe('Đặc biệt nghiêm trọng');
    // Every audit action of the contract's investigation procedures has its name for the audit page.
    const actions = Object.values(investigationsContract)
      .map((d) => d.audit?.action)
      .filter(Boolean) as string[];
    for (const a of actions) expect(investigationLabels.vi.auditAction[a as never], a).toBeTruthy();
  });
});
