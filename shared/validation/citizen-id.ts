/**
 * Citizen ID checks: the 12-digit CCCD (số định danh cá nhân) and the older 9-digit CMND.
 *
 * A CCCD reads PPP C YY NNNNNN (Circular 59/2021/TT-BCA): PPP the province where the birth was registered,
 * in the old 63-province codes; C century and sex (1900s: 0 male, 1 female; 2000s: 2/3; 2100s: 4/5); YY the
 * last two digits of the birth year; NNNNNN a serial. A CMND carries nothing we can check beyond its digits.
 *
 * Errors block saving: the text cannot be an ID at all. Warnings are disagreements with what else was
 * recorded (sex, birth year) or a province code we do not know; the user may override them with a reason,
 * because the record may be what is wrong, or the ID was issued in error, and either way the person exists.
 */
import type { Sex } from '../domain/persons';

export const CitizenIdKinds = Object.freeze({ cccd: 'cccd', cmnd: 'cmnd' } as const);
export type CitizenIdKind = (typeof CitizenIdKinds)[keyof typeof CitizenIdKinds];

/** Stable codes the UI translates. */
export const CitizenIdIssues = Object.freeze({
  /** Not 12 or 9 digits. Error. */
  format: 'citizen_id_format',
  /** 4th digit of a CCCD is 6–9: centuries no living person was born in. Error. */
  centuryInvalid: 'citizen_id_century_invalid',
  /** First three digits are not one of the old province codes. Warning: the list could be incomplete. */
  provinceUnknown: 'citizen_id_province_unknown',
  /** 4th digit's sex differs from the recorded sex. Warning. */
  sexMismatch: 'citizen_id_sex_mismatch',
  /** Century (4th digit) and year (5th–6th) give another birth year than the recorded one. Warning. */
  yearMismatch: 'citizen_id_year_mismatch',
} as const);
export type CitizenIdIssue = (typeof CitizenIdIssues)[keyof typeof CitizenIdIssues];

/**
 * Province-of-registration codes (the 63 provinces before 1/7/2025), with the province each became part of
 * (2025 code), which is what links an ID to today's places. The new codes are a subset of the old ones, so
 * IDs registered after the merger stay valid here.
 */
export const CITIZEN_ID_PROVINCES: readonly {
  readonly code: string;
  readonly name: string;
  readonly mergedInto: string;
}[] = Object.freeze(
  (
    [
      ['001', 'Hà Nội', '01'],
      ['002', 'Hà Giang', '08'],
      ['004', 'Cao Bằng', '04'],
      ['006', 'Bắc Kạn', '19'],
      ['008', 'Tuyên Quang', '08'],
      ['010', 'Lào Cai', '15'],
      ['011', 'Điện Biên', '11'],
      ['012', 'Lai Châu', '12'],
      ['014', 'Sơn La', '14'],
      ['015', 'Yên Bái', '15'],
      ['017', 'Hòa Bình', '25'],
      ['019', 'Thái Nguyên', '19'],
      ['020', 'Lạng Sơn', '20'],
      ['022', 'Quảng Ninh', '22'],
      ['024', 'Bắc Giang', '24'],
      ['025', 'Phú Thọ', '25'],
      ['026', 'Vĩnh Phúc', '25'],
      ['027', 'Bắc Ninh', '24'],
      ['030', 'Hải Dương', '31'],
      ['031', 'Hải Phòng', '31'],
      ['033', 'Hưng Yên', '33'],
      ['034', 'Thái Bình', '33'],
      ['035', 'Hà Nam', '37'],
      ['036', 'Nam Định', '37'],
      ['037', 'Ninh Bình', '37'],
      ['038', 'Thanh Hóa', '38'],
      ['040', 'Nghệ An', '40'],
      ['042', 'Hà Tĩnh', '42'],
      ['044', 'Quảng Bình', '44'],
      ['045', 'Quảng Trị', '44'],
      ['046', 'Thừa Thiên Huế', '46'],
      ['048', 'Đà Nẵng', '48'],
      ['049', 'Quảng Nam', '48'],
      ['051', 'Quảng Ngãi', '51'],
      ['052', 'Bình Định', '52'],
      ['054', 'Phú Yên', '66'],
      ['056', 'Khánh Hòa', '56'],
      ['058', 'Ninh Thuận', '56'],
      ['060', 'Bình Thuận', '68'],
      ['062', 'Kon Tum', '51'],
      ['064', 'Gia Lai', '52'],
      ['066', 'Đắk Lắk', '66'],
      ['067', 'Đắk Nông', '68'],
      ['068', 'Lâm Đồng', '68'],
      ['070', 'Bình Phước', '75'],
      ['072', 'Tây Ninh', '80'],
      ['074', 'Bình Dương', '79'],
      ['075', 'Đồng Nai', '75'],
      ['077', 'Bà Rịa - Vũng Tàu', '79'],
      ['079', 'Hồ Chí Minh', '79'],
      ['080', 'Long An', '80'],
      ['082', 'Tiền Giang', '82'],
      ['083', 'Bến Tre', '86'],
      ['084', 'Trà Vinh', '86'],
      ['086', 'Vĩnh Long', '86'],
      ['087', 'Đồng Tháp', '82'],
      ['089', 'An Giang', '91'],
      ['091', 'Kiên Giang', '91'],
      ['092', 'Cần Thơ', '92'],
      ['093', 'Hậu Giang', '92'],
      ['094', 'Sóc Trăng', '92'],
      ['095', 'Bạc Liêu', '96'],
      ['096', 'Cà Mau', '96'],
    ] as const
  ).map(([code, name, mergedInto]) => Object.freeze({ code, name, mergedInto })),
);

const provinceNames: ReadonlyMap<string, string> = new Map(CITIZEN_ID_PROVINCES.map((p) => [p.code, p.name]));

export function citizenIdProvinceName(code: string): string | undefined {
  return provinceNames.get(code);
}

/** What the digits of a CCCD say. */
export interface CitizenIdDecoded {
  readonly provinceCode: string;
  /** First year of the century: 1900, 2000 or 2100. */
  readonly century: number;
  readonly sex: Sex;
  /** The 5th–6th digits as written: "85". */
  readonly yearSuffix: string;
  readonly birthYear: number;
}

export interface CitizenIdCheck {
  /** No errors: the ID may be saved, after the user has accepted any warnings. */
  readonly ok: boolean;
  /** The ID as it should be stored: the input without spaces. */
  readonly id: string;
  /** Undefined when the text is neither 12 nor 9 digits. */
  readonly kind: CitizenIdKind | undefined;
  readonly errors: readonly CitizenIdIssue[];
  readonly warnings: readonly CitizenIdIssue[];
  /** For a well-formed CCCD only. */
  readonly decoded: CitizenIdDecoded | undefined;
}

export interface CitizenIdContext {
  readonly sex?: Sex | null;
  /** 'YYYY-MM-DD' or 'YYYY'; anything else is not compared (date validation is the form's job). */
  readonly birthDate?: string | null;
}

/** The 4th digit: century and sex. 6–9 stand for later centuries and cannot be a living person's. */
const CENTURY_DIGITS: Readonly<Record<string, { century: number; sex: Sex }>> = Object.freeze({
  '0': { century: 1900, sex: 'male' },
  '1': { century: 1900, sex: 'female' },
  '2': { century: 2000, sex: 'male' },
  '3': { century: 2000, sex: 'female' },
  '4': { century: 2100, sex: 'male' },
  '5': { century: 2100, sex: 'female' },
});

function birthYearOf(birthDate: string | null | undefined): number | undefined {
  const match = birthDate ? /^(\d{4})(?:-\d{2}-\d{2})?$/.exec(birthDate.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

export function checkCitizenId(input: string, context: CitizenIdContext = {}): CitizenIdCheck {
  const id = input.replace(/\s+/g, '');
  const result = (kind: CitizenIdKind | undefined, errors: CitizenIdIssue[], warnings: CitizenIdIssue[] = []) => ({
    ok: errors.length === 0,
    id,
    kind,
    errors,
    warnings,
    decoded: undefined as CitizenIdDecoded | undefined,
  });
  if (/^\d{9}$/.test(id)) return result(CitizenIdKinds.cmnd, []);
  if (!/^\d{12}$/.test(id)) return result(undefined, [CitizenIdIssues.format]);

  const centuryAndSex = CENTURY_DIGITS[id[3]!];
  if (!centuryAndSex) return result(CitizenIdKinds.cccd, [CitizenIdIssues.centuryInvalid]);
  const decoded: CitizenIdDecoded = {
    provinceCode: id.slice(0, 3),
    century: centuryAndSex.century,
    sex: centuryAndSex.sex,
    yearSuffix: id.slice(4, 6),
    birthYear: centuryAndSex.century + Number(id.slice(4, 6)),
  };
  const warnings: CitizenIdIssue[] = [];
  if (!provinceNames.has(decoded.provinceCode)) warnings.push(CitizenIdIssues.provinceUnknown);
  if (context.sex && context.sex !== decoded.sex) warnings.push(CitizenIdIssues.sexMismatch);
  const year = birthYearOf(context.birthDate);
  if (year !== undefined && year !== decoded.birthYear) warnings.push(CitizenIdIssues.yearMismatch);
  return { ...result(CitizenIdKinds.cccd, [], warnings), decoded };
}

/**
 * A CCCD from its parts: for seeding and tests. The serial is the last six digits (0–999,999).
 * Throws for a birth year outside 1900–2199 or a province code that is not three digits.
 */
export function composeCitizenId(parts: { provinceCode: string; sex: Sex; birthYear: number; serial: number }): string {
  const { provinceCode, sex, birthYear, serial } = parts;
  if (!/^\d{3}$/.test(provinceCode)) throw new RangeError(`province code ${provinceCode}`);
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2199) throw new RangeError(`year ${birthYear}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) throw new RangeError(`serial ${serial}`);
  const centuryDigit = (Math.floor(birthYear / 100) - 19) * 2 + (sex === 'female' ? 1 : 0);
  return `${provinceCode}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}
