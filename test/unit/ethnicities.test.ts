import { describe, expect, it } from 'vitest';
import {
  educationLevelLabels,
  EducationLevels,
  ETHNICITIES,
  ethnicity,
  EthnicityCodes,
  occupationLabels,
  Occupations,
} from '../../shared/domain/ethnicities';
import { foldVietnamese } from '../../shared/text/fold';

describe('ethnic groups', () => {
  it('lists the 54 groups with codes 01–54 in order, unique names in NFC', () => {
    expect(ETHNICITIES).toHaveLength(54);
    expect(ETHNICITIES.map((e) => e.code)).toEqual(
      Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(new Set(ETHNICITIES.map((e) => foldVietnamese(e.name))).size).toBe(54);
    expect(ETHNICITIES.every((e) => e.name === e.name.normalize('NFC') && e.nameEn.length > 1)).toBe(true);
  });

  it('uses the General Statistics Office codes (Decision 121-TCTK/PPCĐ)', () => {
    const names = Object.fromEntries(ETHNICITIES.map((e) => [e.code, e.name]));
    expect(names).toMatchObject({
      '01': 'Kinh',
      '02': 'Tày',
      '03': 'Thái',
      '04': 'Hoa',
      '05': 'Khơ-me',
      '06': 'Mường',
      '07': 'Nùng',
      '08': 'Mông',
      '09': 'Dao',
      '10': 'Gia-rai',
      '11': 'Ngái',
      '12': 'Ê-đê',
      '52': 'Brâu',
      '53': 'Ơ Đu',
      '54': 'Rơ-măm',
    });
    expect(ethnicity('08')?.aliases).toContain("H'Mông");
    expect(ethnicity('55')).toBeUndefined();
    for (const code of Object.values(EthnicityCodes)) expect(ethnicity(code)).toBeDefined();
    expect(ethnicity(EthnicityCodes.khmer)?.nameEn).toBe('Khmer');
  });
});

describe('education levels and occupations', () => {
  it('label every value in Vietnamese and English', () => {
    for (const [values, labels] of [
      [Object.values(EducationLevels), educationLevelLabels],
      [Object.values(Occupations), occupationLabels],
    ] as const) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const label of Object.values(labels)) {
        expect(label.vi.length).toBeGreaterThan(1);
        expect(label.en.length).toBeGreaterThan(1);
      }
    }
    expect(educationLevelLabels[EducationLevels.lowerSecondary].vi).toBe('Trung học cơ sở');
    expect(Object.isFrozen(EducationLevels) && Object.isFrozen(Occupations)).toBe(true);
  });
});
