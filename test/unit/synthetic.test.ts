import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { syntheticPersons, type SyntheticPerson } from '../../electron/persons/synthetic';
import { EducationLevels, ethnicity, Occupations } from '../../shared/domain/ethnicities';
import { SUBSTANCE_LIST } from '../../shared/domain/persons';
import { isValidCommune } from '../../shared/places';
import { checkCitizenId } from '../../shared/validation/citizen-id';

const take = (seed: number, count: number, provinceCode?: string): SyntheticPerson[] => [
  ...syntheticPersons(seed, count, provinceCode ? { provinceCode } : {}),
];
const share = (people: SyntheticPerson[], test: (p: SyntheticPerson) => boolean) =>
  people.filter(test).length / people.length;
/** The contract's rule for names (shared/contract/person-fields.ts). */
const NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;

describe('syntheticPersons', () => {
  const people = take(2026, 5000);

  it('gives the same people for the same seed, and others for another seed', () => {
    expect(take(7, 300)).toEqual(take(7, 300));
    expect(take(7, 300)).not.toEqual(take(8, 300));
    expect(take(7, 300, '01')).not.toEqual(take(7, 300));
  });

  it('issues unique CCCDs that agree with sex and birth year, with no warnings', () => {
    expect(new Set(people.map((p) => p.citizenId)).size).toBe(people.length);
    const disagreeing = people.filter((p) => {
      const check = checkCitizenId(p.citizenId, { sex: p.sex, birthDate: p.birthDate });
      return !check.ok || check.warnings.length > 0;
    });
    expect(disagreeing).toEqual([]);
    // CCCD province codes are those of old provinces now in the person's province (or a few elsewhere).
    const inHome = share(people, (p) => p.citizenId.length !== 12 || ['002', '008'].includes(p.citizenId.slice(0, 3)));
    expect(inHome).toBeGreaterThan(0.7);
  });

  it('lives in real communes, mostly in the chosen province', () => {
    const invalid = people.filter(
      (p) =>
        !isValidCommune(p.permanentAddress.provinceCode, p.permanentAddress.communeCode) ||
        !isValidCommune(p.currentAddress.provinceCode, p.currentAddress.communeCode) ||
        !p.permanentAddress.street,
    );
    expect(invalid).toEqual([]);
    expect(share(people, (p) => p.permanentAddress.provinceCode === '08')).toBeGreaterThan(0.8);
    expect(share(take(1, 2000, '79'), (p) => p.permanentAddress.provinceCode === '79')).toBeGreaterThan(0.8);
  });

  it('has Vietnamese names with diacritics, mostly men, mostly Kinh with the mountain groups of Tuyên Quang', () => {
    expect(people.filter((p) => !NAME.test(p.fullName) || p.otherNames.some((n) => !NAME.test(n)))).toEqual([]);
    expect(share(people, (p) => /[^ -~]/.test(p.fullName))).toBeGreaterThan(0.95);
    expect(share(people, (p) => p.sex === 'male')).toBeCloseTo(0.9, 1);
    expect(people.every((p) => ethnicity(p.ethnicity))).toBe(true);
    const groups = new Set(people.map((p) => ethnicity(p.ethnicity)!.name));
    for (const group of ['Kinh', 'Tày', 'Mông', 'Dao', 'Nùng']) expect(groups).toContain(group);
    // Nguyễn is the family name of about 38 % of Kinh people.
    const hanoi = take(3, 3000, '01').filter((p) => p.ethnicity === '01');
    expect(share(hanoi, (p) => p.fullName.startsWith('Nguyễn '))).toBeGreaterThan(0.3);
    expect(share(hanoi, (p) => p.fullName.startsWith('Nguyễn '))).toBeLessThan(0.46);
  });

  it('gives birth dates 1960–2008 (some year only) and a first use after the 13th birthday', () => {
    const years = people.map((p) => Number(p.birthDate.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1960);
    expect(Math.max(...years)).toBeLessThanOrEqual(2008);
    expect(share(people, (p) => /^\d{4}$/.test(p.birthDate))).toBeCloseTo(0.1, 1);
    const tooEarly = people.filter((p) => {
      const thirteenth =
        p.birthDate.length === 4
          ? `${Number(p.birthDate) + 13}-12-31`
          : `${Number(p.birthDate.slice(0, 4)) + 13}${p.birthDate.slice(4)}`;
      return !(p.firstUseDate > thirteenth && p.firstUseDate <= '2025-06-30');
    });
    expect(tooEarly).toEqual([]);
  });

  it('uses only known substances, education levels and occupations, and writes a family contact', () => {
    const education = new Set<string>(Object.values(EducationLevels));
    const occupations = new Set<string>(Object.values(Occupations));
    const odd = people.filter(
      (p) =>
        p.substances.length === 0 ||
        p.substances.some((s) => !SUBSTANCE_LIST.includes(s)) ||
        !education.has(p.education) ||
        !occupations.has(p.occupation) ||
        !/^[\p{L} ]+: .+, 0\d{3} \d{3} \d{3}$/u.test(p.familyContact),
    );
    expect(odd).toEqual([]);
    expect(new Set(people.flatMap((p) => p.substances))).toEqual(
      new Set(['heroin', 'methamphetamine', 'cannabis', 'mdma', 'ketamine']),
    );
  });

  it('generates 100,000 people quickly (time printed, not asserted)', () => {
    const started = performance.now();
    let count = 0;
    for (const person of syntheticPersons(99, 100_000)) if (person.citizenId) count++;
    const ms = performance.now() - started;
    console.log(`syntheticPersons: 100,000 people in ${ms.toFixed(0)} ms`);
    expect(count).toBe(100_000);
  });
});
