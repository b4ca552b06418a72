import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REHAB_RULES,
  REFERRAL_STATE_LIST,
  ageOn,
  daysLeft,
  deadlineOf,
  eligibility,
  isMinor,
  lawOn,
  nextStates,
  plannedDischarge,
  postRehabPeriod,
  registrationDeadline,
  requiredItems,
  termAllowed,
  termRange,
  type RehabRules,
} from '../../shared/domain/rehab';
import { rehabIssues, rehabLabels } from '../../shared/i18n/rehab-labels';
import { addDays, dayNumber, isWorkingDay } from '../../shared/domain/working-days';
import { holidaysAround } from '../../shared/domain/rehab/logic';

const adult = { minor: false, complex: false };
const minor = { minor: true, complex: false };

describe('rehab time limits', () => {
  it('counts the dossier’s 5 working days past weekends and holidays', () => {
    // Tue 01/09/2026: 02/09 National Day and its neighbour 01/09 … the limit skips 02/09 and the weekend.
    expect(deadlineOf('discovered', { stateOn: '2026-09-01' }, adult)).toBe('2026-09-09');
    // Fri 24/04/2026: 27/04 Hùng Kings' day is Sunday 26/04 → compensatory Monday 27/04, then 30/04 and 01/05.
    expect(deadlineOf('discovered', { stateOn: '2026-04-24' }, adult)).toBe('2026-05-06');
    // Across Tết 2027 (Sat 06/02): the eve and four days off, and two compensatory days for the weekend ones.
    expect(deadlineOf('discovered', { stateOn: '2027-02-04' }, adult)).toBe('2027-02-18');
  });

  it('gives a minor’s court 15 days from acceptance, 30 when complex, in calendar days', () => {
    const dates = { stateOn: '2026-11-20', acceptedOn: '2026-11-16' };
    expect(deadlineOf('accepted', dates, minor)).toBe('2026-12-01');
    expect(deadlineOf('hearing', dates, minor)).toBe('2026-12-01');
    expect(deadlineOf('accepted', dates, { minor: true, complex: true })).toBe('2026-12-16');
    expect(daysLeft('2026-12-01', '2026-11-23')).toBe(8);
    expect(daysLeft('2026-12-01', '2026-12-01')).toBe(0);
    expect(daysLeft('2026-12-01', '2026-12-03')).toBe(-2);
  });

  it('has no deadline in a final state, and the planned discharge while admitted', () => {
    for (const s of DEFAULT_REHAB_RULES.terminal) expect(deadlineOf(s, { stateOn: '2026-01-05' }, adult)).toBeNull();
    expect(deadlineOf('admitted', { stateOn: '2026-01-05', plannedDischargeOn: '2028-01-05' }, adult)).toBe(
      '2028-01-05',
    );
    expect(deadlineOf('deferred', { stateOn: '2026-01-05', deferredUntil: '2026-04-05' }, adult)).toBe('2026-04-05');
  });

  it('a working-day limit always ends on a working day, after the start, never more than 5 + holidays later', () => {
    const day = fc.integer({ min: dayNumber('2021-01-01'), max: dayNumber('2034-12-31') });
    fc.assert(
      fc.property(day, (n) => {
        const start = addDays('1970-01-01', n);
        const end = deadlineOf('discovered', { stateOn: start }, adult)!;
        const off = holidaysAround(start);
        expect(isWorkingDay(end, off)).toBe(true);
        expect(end > start).toBe(true);
        // 5 working days never take more than 5 + the longest run of days off (Tết: 9 with weekends).
        expect(dayNumber(end) - dayNumber(start)).toBeLessThanOrEqual(16);
        // Exactly 5 working days lie in (start, end].
        let count = 0;
        for (let d = dayNumber(start) + 1; d <= dayNumber(end); d++)
          if (isWorkingDay(addDays('1970-01-01', d), off)) count++;
        expect(count).toBe(5);
      }),
      { numRuns: 300 },
    );
  });

  it('a calendar-day court limit is later for complex matters, and a minor’s never later than an adult’s', () => {
    const day = fc.integer({ min: dayNumber('2022-01-01'), max: dayNumber('2034-12-31') });
    fc.assert(
      fc.property(day, fc.boolean(), (n, complex) => {
        const accepted = addDays('1970-01-01', n);
        const dates = { stateOn: accepted, acceptedOn: accepted };
        const m = deadlineOf('accepted', dates, { minor: true, complex })!;
        const a = deadlineOf('accepted', dates, { minor: false, complex })!;
        expect(m <= a).toBe(true);
        expect(dayNumber(m) - dayNumber(accepted)).toBe(complex ? 30 : 15);
      }),
    );
  });
});

describe('rehab terms and law versions', () => {
  it('applies Law 120/2025 from 01/07/2026: 24 months first time, 36 for repeats; 12–24 before', () => {
    expect(lawOn('2026-06-30').id).toBe('law_73_2021');
    expect(lawOn('2026-07-01').id).toBe('law_120_2025');
    expect(termRange('2026-06-30', false, false)).toMatchObject({ min: 12, max: 24 });
    expect(termRange('2026-07-01', false, false)).toMatchObject({ min: 24, max: 24 });
    expect(termRange('2026-07-01', false, true)).toMatchObject({ min: 36, max: 36 });
    expect(termAllowed(18, '2026-06-30', false, false)).toBe(true);
    expect(termAllowed(18, '2026-07-01', false, false)).toBe(false);
    expect(termAllowed(36, '2026-09-01', false, true)).toBe(true);
  });

  it('keeps minors (12 to under 18 on the day of discovery) at 6–12 months', () => {
    expect(isMinor('2010-03-01', '2026-10-01')).toBe(true);
    expect(isMinor('2008-10-01', '2026-10-01')).toBe(false);
    expect(isMinor('2008-10-02', '2026-10-01')).toBe(true);
    expect(ageOn('2015', '2026-10-01')).toBe(11);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 }), fc.boolean(), (months, repeat) => {
        expect(termAllowed(months, '2026-09-01', true, repeat)).toBe(months >= 6 && months <= 12);
      }),
    );
  });

  it('is data: a law change is an edit of the rules, not of the code', () => {
    const law2030: RehabRules = {
      ...DEFAULT_REHAB_RULES,
      laws: [
        ...DEFAULT_REHAB_RULES.laws,
        {
          id: 'future',
          from: '2030-01-01',
          title: { vi: 'Luật mới', en: 'New law' },
          adult: { firstMonths: { min: 18, max: 18 }, repeatMonths: { min: 30, max: 30 } },
          minor: { firstMonths: { min: 3, max: 6 }, repeatMonths: { min: 3, max: 6 } },
        },
      ],
    };
    expect(termAllowed(18, '2030-02-01', false, false, law2030)).toBe(true);
    expect(termAllowed(24, '2030-02-01', false, false, law2030)).toBe(false);
    expect(termAllowed(24, '2029-12-31', false, false, law2030)).toBe(true);
  });

  it('plans the discharge from the term less the days held while pending; post-rehab lasts a year', () => {
    expect(plannedDischarge('2026-09-30', 24)).toBe('2028-09-30');
    expect(plannedDischarge('2026-01-31', 1)).toBe('2026-02-28');
    expect(plannedDischarge('2026-09-30', 24, 10)).toBe('2028-09-20');
    expect(postRehabPeriod('2026-11-20')).toEqual({ startDate: '2026-11-20', endDate: '2027-11-19' });
    expect(registrationDeadline('2026-08-25')).toBe('2026-09-03');
  });
});

describe('rehab referral rules', () => {
  it('follows the state machine: the main line, the decision’s branches, death from any open state', () => {
    expect(nextStates('discovered', null)).toEqual(['dossier_prepared', 'died']);
    expect(nextStates('complaint_window', 'apply')).toEqual(['admitted', 'deferred', 'exempted', 'died']);
    expect(nextStates('complaint_window', 'not_apply')).toEqual(['closed', 'died']);
    expect(nextStates('admitted', 'apply')).toEqual(
      expect.arrayContaining(['completed', 'absconded', 'transferred', 'died']),
    );
    expect(nextStates('absconded', 'apply')).toEqual(['admitted', 'died']);
    for (const s of DEFAULT_REHAB_RULES.terminal) expect(nextStates(s, 'apply')).toEqual([]);
    // Every state is reachable from discovery.
    const seen = new Set(['discovered']);
    for (let changed = true; changed;) {
      changed = false;
      for (const t of DEFAULT_REHAB_RULES.transitions)
        if (seen.has(t.from) && !seen.has(t.to)) {
          seen.add(t.to);
          changed = true;
        }
    }
    expect([...seen].sort()).toEqual([...REFERRAL_STATE_LIST].sort());
  });

  it('requires the guardian’s opinion of a minor and the history when that is the ground', () => {
    expect(requiredItems({ minor: false, byHistory: false })).not.toContain('guardian_opinion');
    expect(requiredItems({ minor: true, byHistory: false })).toContain('guardian_opinion');
    expect(requiredItems({ minor: false, byHistory: true })).toContain('history_evidence');
  });

  it('finds a person eligible by a positive determination or a qualifying history', () => {
    expect(eligibility({ determinations: [], measures: [] }, '2026-09-01').eligible).toBe(false);
    expect(
      eligibility(
        { determinations: [{ result: 'not_addicted', resultDate: '2026-08-01' }], measures: [] },
        '2026-09-01',
      ).eligible,
    ).toBe(false);
    expect(
      eligibility({ determinations: [{ result: 'addicted', resultDate: '2026-08-01' }], measures: [] }, '2026-09-01'),
    ).toEqual({ eligible: true, ground: 'determination' });
    expect(
      eligibility(
        { determinations: [], measures: [{ kind: 'voluntary_rehab_community', status: 'interrupted' }] },
        '2026-09-01',
      ),
    ).toEqual({ eligible: true, ground: 'history' });
  });

  it('labels every code and every field issue in Vietnamese and English', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const s of REFERRAL_STATE_LIST) expect(rehabLabels[lang].referralState[s]).toBeTruthy();
      for (const text of Object.values(rehabIssues[lang])) expect(text.length).toBeGreaterThan(5);
    }
    expect(rehabLabels.vi.referralState.absconded).toBe('Bỏ trốn');
  });
});
