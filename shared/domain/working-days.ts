/**
 * Working days and Vietnam's public holidays, for legal deadlines such as "register for rehab or methadone
 * within 5 working days of a positive determination" (Decree 116/2021 Art. 28).
 *
 * Dates are 'YYYY-MM-DD' strings and calendar arithmetic runs on day numbers, never on Date objects in local
 * time, so no time zone or daylight-saving shift can move a date. The holidays are configuration: defaultHolidays() is what the
 * Labour Code grants, but every year the Prime Minister fixes the actual days (adding bridge days and
 * Saturdays worked in exchange), and a unit should be able to replace the list with that year's decision.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian) with Howard Hinnant's
// civil-date algorithms: exact, time-zone free, and fast enough to date a million seeded records.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; throws otherwise (a deadline on a bad date is worse than none). */
export function dayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const days = daysFromCivil(year, month, day);
    const back = civilFromDays(days);
    if (month >= 1 && month <= 12 && back[1] === month && back[2] === day) return days;
  }
  throw new RangeError(`not a date (YYYY-MM-DD): ${isoDate}`);
}

export function isoDate(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

export function isWorkingDay(date: string, holidays: Iterable<string>): boolean {
  return !isWeekend(date) && !new Set(holidays).has(date);
}

/**
 * The date n working days after start (before it for negative n), skipping Saturdays, Sundays and the given
 * holidays. The start itself never counts: a determination on Friday + 1 is the next working day.
 */
export function addWorkingDays(start: string, n: number, holidays: Iterable<string>): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const off = new Set(holidays);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(start);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    const date = isoDate(day);
    if (!isWeekend(date) && !off.has(date)) left--;
  }
  return isoDate(day);
}

// ---------------------------------------------------------------------------------------------------------
// Holidays (Labour Code 2019 Art. 112, in force 1/1/2021; the 2012 Code before that)

export const HolidayNames = Object.freeze({
  newYear: 'new_year',
  tet: 'tet',
  hungKings: 'hung_kings',
  reunification: 'reunification',
  labourDay: 'labour_day',
  nationalDay: 'national_day',
  /** Nghỉ bù: a holiday fell on a Saturday or Sunday, so the next working day is off instead. */
  compensatory: 'compensatory',
} as const);
export type HolidayName = (typeof HolidayNames)[keyof typeof HolidayNames];

export const holidayNameLabels: Readonly<Record<HolidayName, { vi: string; en: string }>> = Object.freeze({
  new_year: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
  hung_kings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration" },
  reunification: { vi: 'Ngày Chiến thắng', en: 'Reunification Day' },
  labour_day: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  national_day: { vi: 'Quốc khánh', en: 'National Day' },
  compensatory: { vi: 'Nghỉ bù', en: 'Compensatory day off' },
});

export interface Holiday {
  readonly date: string;
  readonly name: HolidayName;
}

/**
 * First day of the lunar year (mùng 1 Tết) in Vietnam, UTC+7. Precomputed (Hồ Ngọc Đức's algorithm), not
 * Intl's Chinese calendar: China counts in UTC+8, so the two differ when a new moon falls between 23:00 and
 * midnight Vietnam time (2030: 2 February here, 3 February in China).
 */
export const LUNAR_NEW_YEAR: Readonly<Record<number, string>> = Object.freeze({
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
});

/** The 10th day of the 3rd lunar month (Giỗ Tổ Hùng Vương), same source. */
export const HUNG_KINGS_DAY: Readonly<Record<number, string>> = Object.freeze({
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
  2031: '2031-04-01',
  2032: '2032-04-19',
  2033: '2033-04-09',
  2034: '2034-04-28',
  2035: '2035-04-17',
});

/**
 * The day the 2019 Code adds to 2 September ("one adjacent day before or after"), as the government chooses:
 * the one that joins a weekend, else the weekday before. This reproduces the decisions for 2021–2025
 * (3/9, 1/9, 1/9, 3/9, 1/9); for later years it is a default until the year's decision is entered.
 */
function nationalDayNeighbour(year: number): string {
  const national = `${year}-09-02`;
  const before = addDays(national, -1);
  const after = addDays(national, 1);
  const joinsWeekend = (d: string) => weekday(d) === 1 || weekday(d) === 5;
  return [before, after].find(joinsWeekend) ?? [before, after].find((d) => !isWeekend(d)) ?? after;
}

/** Whether the lunar holidays of a year are known here (2020–2035); outside, holidaysOf leaves them out. */
export function hasLunarDates(year: number): boolean {
  return LUNAR_NEW_YEAR[year] !== undefined && HUNG_KINGS_DAY[year] !== undefined;
}

/**
 * The statutory holidays of a year with the compensatory days they cause, in date order.
 *
 * For a year outside the lunar tables the lunar holidays are missing rather than an error: deadlines for old
 * records must still compute, and a unit working past 2035 enters Tết through its holiday configuration
 * (check hasLunarDates to warn).
 */
export function holidaysOf(year: number): Holiday[] {
  const tet = LUNAR_NEW_YEAR[year];
  const hung = HUNG_KINGS_DAY[year];
  const statutory: Holiday[] = [
    { date: `${year}-01-01`, name: HolidayNames.newYear },
    // Lunar new year's eve and the first four days of the year.
    ...(tet ? [-1, 0, 1, 2, 3].map((offset) => ({ date: addDays(tet, offset), name: HolidayNames.tet })) : []),
    ...(hung ? [{ date: hung, name: HolidayNames.hungKings }] : []),
    { date: `${year}-04-30`, name: HolidayNames.reunification },
    { date: `${year}-05-01`, name: HolidayNames.labourDay },
    { date: `${year}-09-02`, name: HolidayNames.nationalDay },
  ];
  if (year >= 2021) statutory.push({ date: nationalDayNeighbour(year), name: HolidayNames.nationalDay });
  statutory.sort((a, b) => a.date.localeCompare(b.date));

  const taken = new Set(statutory.map((h) => h.date));
  const all = [...statutory];
  for (const holiday of statutory) {
    if (!isWeekend(holiday.date)) continue;
    let day = holiday.date;
    do day = addDays(day, 1);
    while (isWeekend(day) || taken.has(day));
    taken.add(day);
    all.push({ date: day, name: HolidayNames.compensatory });
  }
  return all.sort((a, b) => a.date.localeCompare(b.date));
}

/** The dates of holidaysOf(year): the default holiday configuration for addWorkingDays. */
export function defaultHolidays(year: number): string[] {
  return holidaysOf(year).map((h) => h.date);
}

/** The calendar day (YYYY-MM-DD) in Vietnam (UTC+7, no daylight saving) at an instant. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
