import { describe, expect, it } from 'vitest';
import { mapOldWard } from '../../electron/places/old-units';
import { OLD_PROVINCE_NAMES, WARD_MAPPING_ROWS } from '../../electron/places/ward-mappings.data';
import { commune } from '../../shared/places';

const codes = (candidates: ReturnType<typeof mapOldWard>) => candidates.map((c) => c.commune.code).sort();

describe('mapOldWard: pre-2025 wards to today’s communes', () => {
  it('covers the 63 old provinces and maps every old ward to existing communes', () => {
    expect(OLD_PROVINCE_NAMES).toHaveLength(63);
    expect(WARD_MAPPING_ROWS).toHaveLength(10806);
    const broken = WARD_MAPPING_ROWS.filter(
      ([, , , provinceIndex, newCodes]) =>
        OLD_PROVINCE_NAMES[provinceIndex] === undefined ||
        newCodes.length === 0 ||
        newCodes.some((code) => commune(code) === undefined),
    );
    expect(broken).toEqual([]);
  });

  it('finds a ward by its old code, with or without leading zeros', () => {
    const [only, ...rest] = mapOldWard({ oldWardCode: '26881' });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      commune: { code: '26882', name: 'Phường An Hội Tây' },
      province: { code: '79' },
      from: { name: 'Phường 12', districtName: 'Quận Gò Vấp', provinceName: 'Thành phố Hồ Chí Minh' },
    });
    expect(codes(mapOldWard({ oldWardCode: '715' }))).toEqual(['00715']);
    expect(mapOldWard({ oldWardCode: '99999' })).toEqual([]);
  });

  it('matches names written in full, abbreviated, or without diacritics', () => {
    const full = { provinceName: 'Thành phố Hồ Chí Minh', districtName: 'Quận Gò Vấp', wardName: 'Phường 12' };
    expect(codes(mapOldWard(full))).toEqual(['26882']);
    expect(codes(mapOldWard({ provinceName: 'TP HCM', districtName: 'Q. Gò Vấp', wardName: 'P.12' }))).toEqual([
      '26882',
    ]);
    expect(codes(mapOldWard({ provinceName: 'ho chi minh', districtName: 'go vap', wardName: 'phuong 12' }))).toEqual([
      '26882',
    ]);
    const chiemHoa = { provinceName: 'tuyen quang', districtName: 'huyen chiem hoa', wardName: 'xa xuan quang' };
    expect(mapOldWard(chiemHoa).map((c) => c.commune.name)).toEqual(['Xã Chiêm Hóa']);
  });

  it('maps a ward of a merged province (Hà Giang) to its commune in the new one (Tuyên Quang)', () => {
    const [candidate] = mapOldWard({ provinceName: 'Hà Giang', wardName: 'Má Lé' });
    expect(candidate).toMatchObject({ commune: { code: '00715', name: 'Xã Lũng Cú' }, province: { code: '08' } });
  });

  it('returns every candidate when the district is missing or a ward was split', () => {
    expect(codes(mapOldWard({ provinceName: 'Ha Giang', wardName: 'Ta Lung' }))).toEqual(['00721', '00769']);
    expect(codes(mapOldWard({ provinceName: 'Ha Giang', districtName: 'Mèo Vạc', wardName: 'Tả Lủng' }))).toEqual([
      '00769',
    ]);
    expect(codes(mapOldWard({ provinceName: 'Hà Nội', districtName: 'Cầu Giấy', wardName: 'Dịch Vọng' }))).toEqual([
      '00160',
      '00166',
    ]);
  });

  it('tells "Phương" (a name) from "Phường" (a ward) when diacritics are written, and tries both when not', () => {
    // Xã Phú Phương, Huyện Ba Vì (Hà Nội) has no "Phường Phú" twin: both spellings find it.
    expect(codes(mapOldWard({ provinceName: 'Hà Nội', districtName: 'Ba Vì', wardName: 'Phú Phương' }))).toEqual([
      '09634',
    ]);
    expect(mapOldWard({ provinceName: 'Hà Nội', districtName: 'Ba Vì', wardName: 'Phường Phú' })).toEqual([]);
  });

  it('keeps candidates whose unit word was wrong rather than finding nothing', () => {
    // Xã Kỳ Hà was in Thị xã Kỳ Anh, not Huyện Kỳ Anh.
    const found = mapOldWard({ provinceName: 'Hà Tĩnh', districtName: 'Huyện Kỳ Anh', wardName: 'Xã Kỳ Hà' });
    expect(found.map((c) => c.from.districtName)).toEqual(['Thị xã Kỳ Anh']);
    expect(codes(found)).toEqual(['18781']);
  });

  it('finds nothing for a ward that did not exist', () => {
    expect(mapOldWard({ provinceName: 'Tuyên Quang', wardName: 'Xã Không Có' })).toEqual([]);
    expect(mapOldWard({ provinceName: 'Không Có', wardName: 'Phường 12' })).toEqual([]);
  });
});
