import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OLD_PROVINCE_NAMES, WARD_MAPPING_ROWS } from '../../electron/places/ward-mappings.data';
import { commune, province, provinces } from '../../shared/places';
import { foldVietnamese } from '../../shared/text/fold';
import {
  CITIZEN_ID_PROVINCES,
  checkCitizenId,
  citizenIdProvinceName,
  composeCitizenId,
} from '../../shared/validation/citizen-id';

const sexArb = fc.constantFrom('male' as const, 'female' as const);
const provinceArb = fc.constantFrom(...CITIZEN_ID_PROVINCES.map((p) => p.code));
const yearArb = fc.integer({ min: 1900, max: 2199 });
const serialArb = fc.integer({ min: 0, max: 999_999 });
/** A birth date within the year, or the year alone. */
const birthDateArb = (year: number) =>
  fc.oneof(
    fc.constant(String(year)),
    fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(year, 0, 1 + d)).toISOString().slice(0, 10)),
  );
const validCase = fc
  .tuple(provinceArb, sexArb, yearArb, serialArb)
  .chain(([provinceCode, sex, year, serial]) =>
    birthDateArb(year).map((birthDate) => ({ provinceCode, sex, year, serial, birthDate })),
  );

describe('province codes of the CCCD', () => {
  it('lists the 63 old provinces with unique 3-digit codes, each merged into one of the 34', () => {
    expect(CITIZEN_ID_PROVINCES).toHaveLength(63);
    expect(new Set(CITIZEN_ID_PROVINCES.map((p) => p.code)).size).toBe(63);
    expect(CITIZEN_ID_PROVINCES.every((p) => /^0\d\d$/.test(p.code) && province(p.mergedInto))).toBe(true);
    expect(citizenIdProvinceName('001')).toBe('Hà Nội');
    expect(citizenIdProvinceName('079')).toBe('Hồ Chí Minh');
    expect(citizenIdProvinceName('003')).toBeUndefined();
    // Every new province kept the code of one of the provinces it was made of.
    for (const p of provinces()) {
      expect(CITIZEN_ID_PROVINCES.find((old) => old.code === `0${p.code}`)?.mergedInto).toBe(p.code);
    }
  });

  it('agrees with the ward data: old codes in the order of their wards’ codes, merged where their wards went', () => {
    const bare = (name: string) =>
      foldVietnamese(name.replace(/^(Tỉnh|Thành phố) /, '').replace(/ - /g, ' ')).replace(/^hue$/, 'thua thien hue');
    const byName = new Map(CITIZEN_ID_PROVINCES.map((p) => [bare(p.name), p]));
    // Commune codes were allotted province by province in the order of the province codes.
    expect(OLD_PROVINCE_NAMES.map((name) => byName.get(bare(name))?.code)).toEqual(
      CITIZEN_ID_PROVINCES.map((p) => p.code),
    );
    for (const [, , , provinceIndex, [newCode]] of WARD_MAPPING_ROWS.filter((_, i) => i % 50 === 0)) {
      const old = byName.get(bare(OLD_PROVINCE_NAMES[provinceIndex]!))!;
      expect(commune(newCode!)?.provinceCode).toBe(old.mergedInto);
    }
  });
});

describe('checkCitizenId', () => {
  it('decodes a well-formed CCCD that agrees with the record', () => {
    expect(checkCitizenId('001085012345', { sex: 'male', birthDate: '1985-03-07' })).toEqual({
      ok: true,
      id: '001085012345',
      kind: 'cccd',
      errors: [],
      warnings: [],
      decoded: { provinceCode: '001', century: 1900, sex: 'male', yearSuffix: '85', birthYear: 1985 },
    });
    expect(checkCitizenId(' 008 305 000001 ', { sex: 'female', birthDate: '2005' })).toMatchObject({
      ok: true,
      id: '008305000001',
      warnings: [],
      decoded: { century: 2000, sex: 'female', birthYear: 2005 },
    });
  });

  it('warns, without blocking, when sex, year or province disagree', () => {
    const sex = checkCitizenId('001185012345', { sex: 'male', birthDate: '1985' });
    expect(sex).toMatchObject({ ok: true, errors: [], warnings: ['citizen_id_sex_mismatch'] });
    const year = checkCitizenId('001085012345', { sex: 'male', birthDate: '1986-01-01' });
    expect(year.warnings).toEqual(['citizen_id_year_mismatch']);
    const century = checkCitizenId('001285012345', { sex: 'male', birthDate: '1985' });
    expect(century.warnings).toEqual(['citizen_id_year_mismatch']);
    const unknown = checkCitizenId('003085012345', { sex: 'male', birthDate: '1985' });
    expect(unknown).toMatchObject({ ok: true, warnings: ['citizen_id_province_unknown'] });
    // Without sex or birth date there is nothing to disagree with.
    expect(checkCitizenId('001185012345').warnings).toEqual([]);
    expect(checkCitizenId('001185012345', { birthDate: '03/07/1985' }).warnings).toEqual([]);
  });

  it('blocks what cannot be an ID, and accepts a 9-digit CMND as it is', () => {
    for (const bad of ['', '00108501234', '0010850123456', '00108501234a', '001-085-012345']) {
      expect(checkCitizenId(bad)).toMatchObject({ ok: false, kind: undefined, errors: ['citizen_id_format'] });
    }
    for (const digit of ['6', '7', '8', '9']) {
      const result = checkCitizenId(`001${digit}85012345`, { sex: 'male', birthDate: '1885' });
      expect(result).toMatchObject({ ok: false, kind: 'cccd', errors: ['citizen_id_century_invalid'], warnings: [] });
    }
    expect(checkCitizenId('012345678', { sex: 'female', birthDate: '1960' })).toEqual({
      ok: true,
      id: '012345678',
      kind: 'cmnd',
      errors: [],
      warnings: [],
      decoded: undefined,
    });
  });

  it('passes any CCCD composed from a province, sex and birth year, with no warnings', () => {
    fc.assert(
      fc.property(validCase, ({ provinceCode, sex, year, serial, birthDate }) => {
        const id = composeCitizenId({ provinceCode, sex, birthYear: year, serial });
        const result = checkCitizenId(id, { sex, birthDate });
        expect(result).toMatchObject({ ok: true, kind: 'cccd', errors: [], warnings: [] });
        expect(result.decoded).toEqual({
          provinceCode,
          century: Math.floor(year / 100) * 100,
          sex,
          yearSuffix: String(year % 100).padStart(2, '0'),
          birthYear: year,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('gives exactly the sex warning when only the sex in the 4th digit is changed', () => {
    fc.assert(
      fc.property(validCase, ({ provinceCode, sex, year, serial, birthDate }) => {
        const id = composeCitizenId({ provinceCode, sex, birthYear: year, serial });
        const flipped = `${id.slice(0, 3)}${Number(id[3]) ^ 1}${id.slice(4)}`;
        expect(checkCitizenId(flipped, { sex, birthDate }).warnings).toEqual(['citizen_id_sex_mismatch']);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives exactly the year warning when only the year digits or the century are changed', () => {
    fc.assert(
      fc.property(validCase, fc.integer({ min: 1, max: 99 }), ({ provinceCode, sex, year, serial, birthDate }, d) => {
        const id = composeCitizenId({ provinceCode, sex, birthYear: year, serial });
        const otherYear = String((year + d) % 100).padStart(2, '0');
        const changedYear = `${id.slice(0, 4)}${otherYear}${id.slice(6)}`;
        expect(checkCitizenId(changedYear, { sex, birthDate }).warnings).toEqual(['citizen_id_year_mismatch']);
        const otherCentury = (Number(id[3]) + 2 * (1 + (d % 2))) % 6; // same parity: same sex, another century
        const changedCentury = `${id.slice(0, 3)}${otherCentury}${id.slice(4)}`;
        expect(checkCitizenId(changedCentury, { sex, birthDate }).warnings).toEqual(['citizen_id_year_mismatch']);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses to compose an ID outside what the format can say', () => {
    const base = { provinceCode: '001', sex: 'male' as const, birthYear: 1990, serial: 1 };
    expect(composeCitizenId(base)).toBe('001090000001');
    expect(() => composeCitizenId({ ...base, birthYear: 1899 })).toThrow(RangeError);
    expect(() => composeCitizenId({ ...base, serial: 1_000_000 })).toThrow(RangeError);
    expect(() => composeCitizenId({ ...base, provinceCode: '1' })).toThrow(RangeError);
  });
});
