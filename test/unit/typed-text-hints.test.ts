import { describe, expect, it } from 'vitest';
import { nameHints, vietnameseNameCase } from '../../shared/text/name-hints';
import { dateTextIssue, yearOfText } from '../../shared/text/typed-date';
import { missingFields } from '../../shared/persons/missing-fields';

describe('name hints', () => {
  it('offer Vietnamese letter case for names typed in capitals or small letters', () => {
    expect(nameHints('TRẦN THỊ MAI')).toEqual({ caseFixed: 'Trần Thị Mai', noDiacritics: false });
    expect(nameHints('lê   văn tám')).toEqual({ caseFixed: 'Lê Văn Tám', noDiacritics: false });
    expect(nameHints('Nguyễn Văn Đức')).toEqual({ caseFixed: null, noDiacritics: false });
    expect(vietnameseNameCase('ĐẶNG ƯỚC')).toBe('Đặng Ước');
  });

  it('flag a name without any diacritics, which only the user can fix', () => {
    expect(nameHints('nguyen van duc')).toEqual({ caseFixed: 'Nguyen Van Duc', noDiacritics: true });
    expect(nameHints('Nguyen Van Duc')).toEqual({ caseFixed: null, noDiacritics: true });
    // One word, or nothing yet typed, is not judged.
    expect(nameHints('Tèo').noDiacritics).toBe(false);
    expect(nameHints('Teo').noDiacritics).toBe(false);
    expect(nameHints('')).toEqual({ caseFixed: null, noDiacritics: false });
  });
});

describe('typed dates that are not dates', () => {
  it('say why: the year alone, a day the month does not have, or no date at all', () => {
    expect(dateTextIssue('1978')).toBe('date_year_only');
    expect(dateTextIssue('31/02/1990')).toBe('date_not_real');
    expect(dateTextIssue('29/02/2023')).toBe('date_not_real');
    expect(dateTextIssue('31021990')).toBe('date_not_real');
    expect(dateTextIssue('15/13/1990')).toBe('date_not_real');
    expect(dateTextIssue('hôm qua')).toBe('date_format');
    expect(yearOfText('31/02/1990')).toBe('1990');
    expect(yearOfText('1978')).toBe('1978');
  });
});

describe('a file saved with what is known', () => {
  it('lists what it still lacks, in the order of the form', () => {
    const known = {
      citizenId: null,
      birthDate: '1978',
      ethnicity: null,
      education: null,
      occupation: 'farmer',
      permanentAddress: null,
      currentAddress: null,
      substances: [],
      firstUseDate: null,
    };
    expect(missingFields(known)).toEqual([
      'citizenId',
      'fullBirthDate',
      'ethnicity',
      'education',
      'permanentAddress',
      'currentAddress',
      'substances',
      'firstUseDate',
    ]);
    const address = { provinceCode: '08', communeCode: '02296', street: '' };
    expect(
      missingFields({
        ...known,
        citizenId: '008090123456',
        birthDate: '1990-03-15',
        ethnicity: '02',
        education: 'lower_secondary',
        permanentAddress: address,
        currentAddress: address,
        substances: ['heroin'],
        firstUseDate: '2010',
      }),
    ).toEqual([]);
  });
});
