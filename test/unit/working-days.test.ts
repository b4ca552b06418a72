import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dayNumber,
  defaultHolidays,
  hasLunarDates,
  holidaysOf,
  HUNG_KINGS_DAY,
  isoDate,
  isWorkingDay,
  LUNAR_NEW_YEAR,
  weekday,
} from '../../shared/domain/working-days';

const holidays = (...years: number[]) => years.flatMap(defaultHolidays);
const inMonth = (year: number, month: string) => defaultHolidays(year).filter((d) => d.startsWith(`${year}-${month}`));

describe('day numbers', () => {
  it('agree with Date.UTC for every day of the years 1000–9999, both ways', () => {
    const DAY = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1) / DAY, max: Date.UTC(9999, 11, 31) / DAY }), (day) => {
        const iso = new Date(day * DAY).toISOString().slice(0, 10);
        expect(isoDate(day)).toBe(iso);
        expect(dayNumber(iso)).toBe(day);
        expect(weekday(iso)).toBe(new Date(day * DAY).getUTCDay());
      }),
      { numRuns: 5000 },
    );
    for (const bad of ['2025-13-01', '2025-00-10', '2025-04-31', '2100-02-29', '2025-4-1']) {
      expect(() => dayNumber(bad)).toThrow(RangeError);
    }
    expect(dayNumber('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / DAY);
  });
});

describe('addWorkingDays', () => {
  it('counts 5 working days from a Friday determination across 30/4 and 1/5', () => {
    // Fri 25/4/2025: Mon 28, Tue 29, (Wed 30/4, Thu 1/5 off), Fri 2, Mon 5, Tue 6.
    expect(weekday('2025-04-25')).toBe(5);
    expect(addWorkingDays('2025-04-25', 5, holidays(2025))).toBe('2025-05-06');
    // 2026: Hùng Kings' day falls on Sunday 26/4, so Monday 27/4 is off too; 30/4 and 1/5 are Thu and Fri.
    expect(addWorkingDays('2026-04-24', 5, holidays(2026))).toBe('2026-05-06');
  });

  it('skips weekends only when no holidays are given, and never counts the start', () => {
    expect(addWorkingDays('2025-04-25', 1, [])).toBe('2025-04-28');
    expect(addWorkingDays('2025-04-26', 5, [])).toBe('2025-05-02');
    expect(addWorkingDays('2025-04-25', 0, [])).toBe('2025-04-25');
    expect(addWorkingDays('2025-04-28', -1, [])).toBe('2025-04-25');
    expect(addWorkingDays('2025-12-31', 2, holidays(2025, 2026))).toBe('2026-01-05');
  });

  it('refuses impossible dates and fractional days', () => {
    expect(() => addWorkingDays('2025-02-29', 1, [])).toThrow(RangeError);
    expect(() => addWorkingDays('25/04/2025', 1, [])).toThrow(RangeError);
    expect(() => addWorkingDays('2025-04-25', 1.5, [])).toThrow(RangeError);
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});

describe('defaultHolidays (Labour Code 2019 Art. 112)', () => {
  it('gives Tết as lunar new year’s eve and four days, with compensatory days for a weekend', () => {
    // Tết 2026 is Tuesday 17/2: Mon 16 (eve) to Fri 20, no weekend inside.
    expect(inMonth(2026, '02')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(addWorkingDays('2026-02-13', 5, holidays(2026))).toBe('2026-02-27');
    // Tết 2024 is Saturday 10/2: Fri 9 to Tue 13 with Sat and Sun inside, so Wed 14 and Thu 15 are off.
    const tet2024 = holidaysOf(2024).filter((h) => h.date.startsWith('2024-02'));
    expect(tet2024.map((h) => `${h.date.slice(8)} ${h.name}`)).toEqual([
      '09 tet',
      '10 tet',
      '11 tet',
      '12 tet',
      '13 tet',
      '14 compensatory',
      '15 compensatory',
    ]);
  });

  it('adds the day next to 2/9 as the government chose for 2021–2025, and a Monday after a Saturday 2/9', () => {
    expect(inMonth(2021, '09')).toEqual(['2021-09-02', '2021-09-03']);
    expect(inMonth(2022, '09')).toEqual(['2022-09-01', '2022-09-02']);
    expect(inMonth(2023, '09')).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
    expect(inMonth(2024, '09')).toEqual(['2024-09-02', '2024-09-03']);
    expect(inMonth(2025, '09')).toEqual(['2025-09-01', '2025-09-02']);
    // The 2012 Code, in force until 2020, gave 2/9 alone.
    expect(inMonth(2020, '09')).toEqual(['2020-09-02']);
  });

  it('moves a holiday on a weekend to the next working day', () => {
    // 1/1/2022 was a Saturday (and 31/1 is the eve of Tết 2022).
    expect(inMonth(2022, '01')).toEqual(['2022-01-01', '2022-01-03', '2022-01-31']);
    // Hùng Kings' day 10/4/2022 was a Sunday.
    expect(inMonth(2022, '04')).toEqual(['2022-04-10', '2022-04-11', '2022-04-30']);
    expect(isWorkingDay('2022-04-11', holidays(2022))).toBe(false);
    expect(isWorkingDay('2022-04-12', holidays(2022))).toBe(true);
  });

  it('has every statutory day in every year of the tables, sorted and unique', () => {
    for (let year = 2020; year <= 2035; year++) {
      const days = defaultHolidays(year);
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(days.length);
      for (const d of [`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`, HUNG_KINGS_DAY[year]!]) {
        expect(days).toContain(d);
      }
      expect(days.filter((d) => holidaysOf(year).find((h) => h.date === d)?.name === 'tet')).toHaveLength(5);
    }
  });

  it('keeps the solar holidays for a year beyond the lunar tables', () => {
    expect(hasLunarDates(2035)).toBe(true);
    expect(hasLunarDates(2036)).toBe(false);
    const names = new Set(holidaysOf(2036).map((h) => h.name));
    expect(names.has('tet') || names.has('hung_kings')).toBe(false);
    expect(defaultHolidays(2036)).toContain('2036-04-30');
  });
});

describe('lunar tables', () => {
  const lunar = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  const monthDay = (iso: string) => lunar.format(new Date(`${iso}T00:00:00Z`));

  it('agree with the Chinese calendar of ICU, except where Vietnam’s time zone or ICU’s approximation differ', () => {
    for (let year = 2020; year <= 2035; year++) {
      expect(monthDay(HUNG_KINGS_DAY[year]!)).toBe('3/10');
      // 6/2/2027: the new moon is at 22:56 in Vietnam (15:56 UTC); ICU's astronomical approximation puts it
      // past midnight and counts the day as the last of the old year.
      expect(monthDay(LUNAR_NEW_YEAR[year]!)).toBe(year === 2027 ? '12/30' : '1/1');
    }
  });

  it('space lunar new years a lunar year apart (353–355 days, or 383–385 with a leap month)', () => {
    for (let year = 2021; year <= 2035; year++) {
      const days = dayNumber(LUNAR_NEW_YEAR[year]!) - dayNumber(LUNAR_NEW_YEAR[year - 1]!);
      expect([353, 354, 355, 383, 384, 385]).toContain(days);
    }
    expect(Object.keys(LUNAR_NEW_YEAR)).toEqual(Object.keys(HUNG_KINGS_DAY));
  });
});
