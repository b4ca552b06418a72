import { describe, expect, it } from 'vitest';
import {
  ageBand,
  ageOn,
  delta,
  growth,
  INDICATOR_IDS,
  INDICATORS,
  meets,
  periodOf,
  rate,
  round1,
  samePeriodYearBefore,
  sumByUnit,
  targetFor,
} from '../../shared/domain/indicators';

describe('indicator arithmetic', () => {
  it('reproduces the seed: 35 of 124 communes = 28.2 %, 8.2 points over a 20 % target', () => {
    const value = rate(35, 124);
    expect(value).toBe(28.2);
    expect(delta(value, 20)).toBe(8.2);
    expect(meets('up', value, 20)).toBe(true);
  });

  it('rates and growths have one decimal and no value when there is nothing to divide by', () => {
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(0, 0)).toBeNull();
    expect(growth(105, 100)).toBe(5);
    expect(growth(2, 1)).toBe(100);
    expect(growth(90, 100)).toBe(-10);
    expect(growth(3, 0)).toBeNull();
    expect(round1(0.05)).toBe(0.1);
    expect(round1(-0.05)).toBe(-0.1);
    expect(delta(null, 20)).toBeNull();
    expect(delta(85, null)).toBeNull();
    // Points, not per cent of the target: 72 % against 80 % is 8 points short.
    expect(delta(72, 80)).toBe(-8);
  });

  it('judges a target by the indicator direction', () => {
    expect(meets('down', 0.5, 1)).toBe(true); // new addicts grew less than 1 %
    expect(meets('down', 2, 1)).toBe(false);
    expect(meets('up', 89.9, 90)).toBe(false);
    expect(meets('none', 5, 1)).toBeNull();
  });

  it('never adds quantities across measuring units', () => {
    const lines = sumByUnit([
      { key: 'heroin', measure: 'kg', quantity: 2 },
      { key: 'heroin', measure: 'g', quantity: 300.5 },
      { key: 'heroin', measure: 'g', quantity: 0.25 },
      { key: 'methamphetamine', measure: 'tablet', quantity: 1200 },
      { key: 'methamphetamine', measure: 'g', quantity: 12.1 },
    ]);
    expect(lines).toEqual([
      { key: 'heroin', measure: 'g', value: 300.75 },
      { key: 'heroin', measure: 'kg', value: 2 },
      { key: 'methamphetamine', measure: 'g', value: 12.1 },
      { key: 'methamphetamine', measure: 'tablet', value: 1200 },
    ]);
  });

  it('builds the periods: year, quarter, month, the June action month, and the same period a year before', () => {
    expect(periodOf('year', 2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodOf('quarter', 2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodOf('quarter', 2025, 4)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodOf('month', 2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('actionMonth', 2023)).toEqual({ from: '2023-06-01', to: '2023-06-30' });
    expect(samePeriodYearBefore({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
  });

  it('takes a year target before the every-year one', () => {
    const targets = [
      { indicatorId: 'drugFreeCommuneRate', year: null, value: 20 },
      { indicatorId: 'drugFreeCommuneRate', year: 2030, value: 50 },
    ];
    expect(targetFor(targets, 'drugFreeCommuneRate', 2026)).toBe(20);
    expect(targetFor(targets, 'drugFreeCommuneRate', 2030)).toBe(50);
    expect(targetFor(targets, 'casesResolvedRate', 2030)).toBeNull();
  });

  it('bands ages as the report forms do: < 14, 14–< 16, 16–< 18, 18–30, > 30', () => {
    expect(ageOn('2010-12-31', '2025-12-30')).toBe(14);
    expect(ageOn('2010-12-31', '2025-12-31')).toBe(15);
    expect([13, 14, 15, 16, 17, 18, 30, 31].map(ageBand)).toEqual([
      'lt14',
      '14to16',
      '14to16',
      '16to18',
      '16to18',
      '18to30',
      '18to30',
      'gt30',
    ]);
  });

  it('declares every indicator the issue lists, each with both labels', () => {
    for (const id of [
      'casesDetected',
      'casesDetectedGrowth',
      'casesResolvedRate',
      'tipsVerifiedRateByChannel',
      'hotSpotsEliminatedRate',
      'hotSpotsReformed',
      'managedReachedRate',
      'newAddictsGrowth',
      'drugFreeCommuneRate',
      'keyCommunesUnderTreatment',
      'seizuresBySubstance',
      'referralsByState',
      'abscondingCount',
    ])
      expect(INDICATOR_IDS).toContain(id);
    for (const i of INDICATORS) {
      expect(i.label.vi.length).toBeGreaterThan(3);
      expect(i.label.en.length).toBeGreaterThan(3);
    }
  });
});
