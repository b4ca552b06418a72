/**
 * Addresses recorded under the units before 1/7/2025 (63 provinces, districts, ~10,800 wards) → the communes
 * they became.
 *
 * Old records, CCCD chips and people themselves still give addresses like "Phường 12, Quận Gò Vấp, TP HCM" or
 * "xa Kim Binh, huyen Chiem Hoa, Tuyen Quang". Names are matched after folding (diacritics, case, đ) and
 * without their unit words ("Tỉnh", "Quận", "Phường", "TP.", "P."), so any of those spellings works; when the
 * unit word was given and some candidates agree with it, only those are kept ("Huyện Kỳ Anh" vs "Thị xã Kỳ Anh").
 * The result is a list because a ward split between communes, or a name without its district, can lead to
 * several: the user picks.
 */
import { commune, province, type Commune, type Province } from '../../shared/places';
import { foldVietnamese } from '../../shared/text/fold';
import { OLD_PROVINCE_NAMES, WARD_MAPPING_ROWS } from './ward-mappings.data';

export type OldWardQuery =
  | { readonly provinceName: string; readonly districtName?: string; readonly wardName: string }
  | { readonly oldWardCode: string };

export interface OldWard {
  /** 5-digit code of the old ward, or '' where the source data has none. */
  readonly code: string;
  readonly name: string;
  readonly districtName: string;
  readonly provinceName: string;
}

export interface OldWardCandidate {
  readonly commune: Commune;
  readonly province: Province;
  /** The old ward that matched; several old wards can lead to one commune. */
  readonly from: OldWard;
}

/** A unit name reduced to what identifies it: its unit word apart ("quan"), the rest folded ("go vap"). */
interface UnitName {
  readonly unit: string | undefined;
  readonly bare: string;
}

// Unit words with and without diacritics, longest first so that "thị xã" wins over "xã".
const UNIT_WORDS: readonly (readonly [word: string, unit: string])[] = Object.freeze(
  (
    [
      ['thành phố', 'thanh pho'],
      ['thị trấn', 'thi tran'],
      ['thị xã', 'thi xa'],
      ['phường', 'phuong'],
      ['huyện', 'huyen'],
      ['tỉnh', 'tinh'],
      ['quận', 'quan'],
      ['xã', 'xa'],
    ] as const
  ).flatMap(([word, unit]) => [[word, unit] as const, [unit, unit] as const]),
);
// Abbreviations that are never syllables, so they can be taken as unit words wherever they start a name.
const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  tp: 'thanh pho',
  tx: 'thi xa',
  tt: 'thi tran',
});
// Single letters only when written as abbreviations: "P.12", "Q. Bình Thạnh", "P12".
const LETTER_ABBREVIATION = /^([qphx])(?:\s*\.\s*|\s*(?=\d))(.+)$/;
const LETTERS: Readonly<Record<string, string>> = Object.freeze({ q: 'quan', p: 'phuong', h: 'huyen', x: 'xa' });

// Names people write for provinces that the source data spells otherwise.
const PROVINCE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  hcm: 'ho chi minh',
  tphcm: 'ho chi minh',
  'sai gon': 'ho chi minh',
  'thua thien hue': 'hue',
});

function bare(text: string): string {
  // "Phường 02" and "Phường 2" are the same ward.
  const folded = foldVietnamese(text).replace(/\b0+(\d)/g, '$1');
  return PROVINCE_ALIASES[folded] ?? folded;
}

/**
 * The readings of a unit name. Written with diacritics there is one ("Phương Trung" is a name, "Phường Trung"
 * a ward named Trung). Without them "phuong trung" could be either, so both readings are returned.
 */
export function unitNames(text: string): UnitName[] {
  const cleaned = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[,\-–_/()'’‘]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const plain = foldVietnamese(cleaned) === cleaned;
  const letter = LETTER_ABBREVIATION.exec(cleaned);
  if (letter) return [{ unit: LETTERS[letter[1]!], bare: bare(letter[2]!.replace(/\./g, ' ')) }];
  const withoutDots = cleaned.replace(/\./g, ' ').replace(/\s+/g, ' ').trim();
  const first = withoutDots.split(' ')[0]!;
  if (ABBREVIATIONS[first] && withoutDots.length > first.length) {
    return [{ unit: ABBREVIATIONS[first], bare: bare(withoutDots.slice(first.length + 1)) }];
  }
  for (const [word, unit] of UNIT_WORDS) {
    // A unit word counts only when a name follows it, and a plain one only in plain text.
    if (!withoutDots.startsWith(`${word} `) || (word === unit && !plain)) continue;
    const stripped = { unit, bare: bare(withoutDots.slice(word.length + 1)) };
    return word === unit ? [stripped, { unit: undefined, bare: bare(withoutDots) }] : [stripped];
  }
  return [{ unit: undefined, bare: bare(withoutDots) }];
}

interface IndexedRow {
  readonly ward: UnitName;
  readonly district: UnitName;
  readonly province: UnitName;
  readonly from: OldWard;
  readonly newCodes: readonly string[];
}

let rows: readonly IndexedRow[] | undefined;
let byWardName: ReadonlyMap<string, readonly IndexedRow[]> | undefined;

function load(): { rows: readonly IndexedRow[]; byWardName: ReadonlyMap<string, readonly IndexedRow[]> } {
  if (rows && byWardName) return { rows, byWardName };
  const provinces = OLD_PROVINCE_NAMES.map((name) => unitNames(name)[0]!);
  const map = new Map<string, IndexedRow[]>();
  rows = WARD_MAPPING_ROWS.map(([code, name, districtName, provinceIndex, newCodes]) => {
    const provinceName = OLD_PROVINCE_NAMES[provinceIndex]!;
    const row = {
      ward: unitNames(name)[0]!,
      district: unitNames(districtName)[0]!,
      province: provinces[provinceIndex]!,
      from: { code, name, districtName, provinceName },
      newCodes,
    };
    const list = map.get(row.ward.bare) ?? [];
    list.push(row);
    map.set(row.ward.bare, list);
    return row;
  });
  byWardName = map;
  return { rows, byWardName };
}

/** Keeps the rows whose unit word agrees with the one given, unless none does (the user's unit word was wrong). */
function preferUnit(list: readonly IndexedRow[], wanted: string | undefined, of: (row: IndexedRow) => UnitName) {
  if (wanted === undefined) return list;
  const agreeing = list.filter((row) => of(row).unit === wanted);
  return agreeing.length > 0 ? agreeing : list;
}

function matchRows(query: OldWardQuery): readonly IndexedRow[] {
  const data = load();
  if ('oldWardCode' in query) {
    const code = query.oldWardCode.trim().padStart(5, '0');
    return data.rows.filter((row) => row.from.code === code);
  }
  const wards = unitNames(query.wardName);
  const provinceBares = new Set(unitNames(query.provinceName).map((n) => n.bare));
  const districts = query.districtName?.trim() ? unitNames(query.districtName) : undefined;
  const districtBares = districts && new Set(districts.map((n) => n.bare));
  let list: readonly IndexedRow[] = [...new Set(wards.flatMap((w) => data.byWardName.get(w.bare) ?? []))].filter(
    (row) => provinceBares.has(row.province.bare) && (!districtBares || districtBares.has(row.district.bare)),
  );
  list = preferUnit(list, wards[0]!.unit, (row) => row.ward);
  list = preferUnit(list, districts?.[0]?.unit, (row) => row.district);
  return list;
}

/** The communes an old ward became; empty when nothing matches. */
export function mapOldWard(query: OldWardQuery): OldWardCandidate[] {
  const seen = new Set<string>();
  const candidates: OldWardCandidate[] = [];
  for (const row of matchRows(query)) {
    for (const code of row.newCodes) {
      const c = commune(code);
      const p = c && province(c.provinceCode);
      if (!c || !p || seen.has(code)) continue;
      seen.add(code);
      candidates.push({ commune: c, province: p, from: row.from });
    }
  }
  return candidates;
}
