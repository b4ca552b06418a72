/**
 * Synthetic people for `hoso seed`, demos and benchmarks: realistic enough that search, sorting, statistics
 * and the CCCD checks meet what they will meet in a commune's real files, and deterministic for a seed.
 *
 * Names are drawn with the frequencies of Vietnamese family names (Nguyễn ≈ 38 %), middle and given names by
 * sex, and in the naming patterns of the main ethnic groups where a province has them (Mông "Giàng A Páo",
 * Ê-đê "Y Blin Niê", Khmer "Thạch Sa Ra"). About 90 % are men, as in the managed population. Addresses are
 * real communes, mostly in the chosen province; the CCCD agrees with sex and birth year and carries the code
 * of an old province that became part of that province. Randomness is mulberry32, never Math.random.
 */
import { communesOf, provinces, type Commune } from '../../shared/places';
import { CITIZEN_ID_PROVINCES, composeCitizenId } from '../../shared/validation/citizen-id';
import {
  EducationLevels,
  EthnicityCodes,
  Occupations,
  type EducationLevel,
  type Occupation,
} from '../../shared/domain/ethnicities';
import { Substances, type Sex, type Substance } from '../../shared/domain/persons';
import { addDays, dayNumber, isoDate } from '../../shared/domain/working-days';
import { mulberry32 } from '../platform/random';

export interface SyntheticAddress {
  provinceCode: string;
  communeCode: string;
  street: string;
}

export interface SyntheticPerson {
  fullName: string;
  otherNames: string[];
  sex: Sex;
  /** 'YYYY-MM-DD', or 'YYYY' for about one in ten. */
  birthDate: string;
  /** A 12-digit CCCD, or a 9-digit CMND for a few people born before 1975. */
  citizenId: string;
  /** Two-digit code of shared/domain/ethnicities.ts. */
  ethnicity: string;
  education: EducationLevel;
  occupation: Occupation;
  permanentAddress: SyntheticAddress;
  currentAddress: SyntheticAddress;
  substances: Substance[];
  firstUseDate: string;
  familyContact: string;
}

export interface SyntheticOptions {
  /** Where most people live (default '08', Tuyên Quang); others are spread over the country. */
  provinceCode?: string;
}

/** Dates are drawn up to this day, not today, so that a seed gives the same people next year. */
const REFERENCE_DATE = '2025-06-30';

type Random = () => number;
type Pick = (random: Random) => string;

/**
 * A picker honouring weights, from "Nguyễn:38 Trần:11 …" (a missing weight is 1, "_" stands for a space) or
 * from a record of values and weights.
 */
function weighted(spec: string | Readonly<Record<string, number>>): Pick {
  const items =
    typeof spec === 'string'
      ? spec.split(' ').map((entry) => {
          const [value, weight] = entry.split(':');
          return { value: value!.replace(/_/g, ' '), weight: weight ? Number(weight) : 1 };
        })
      : Object.entries(spec).map(([value, weight]) => ({ value, weight }));
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  return (random) => {
    let r = random() * total;
    for (const item of items) if ((r -= item.weight) < 0) return item.value;
    return items[items.length - 1]!.value;
  };
}

const chance = (random: Random, p: number) => random() < p;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

// Names ----------------------------------------------------------------------------------------------------
const COMMON_FAMILY =
  'Nguyễn:38 Trần:11 Lê:9.5 Phạm:7 Phan:4.5 Đặng:2.1 Bùi:2 Đỗ:1.4 Hồ:1.3 Ngô:1.3 Dương:1 Lý:0.5 Đinh:0.8 ' +
  'Trịnh:0.7 Đào:0.6 Đoàn:0.6 Mai:0.5 Lương:0.5 Hà:0.5 Cao:0.4 Lưu:0.3 Tạ:0.3 Chu:0.3 Lâm:0.3 Quách:0.2 ' +
  'Tô:0.2 Vương:0.2 Triệu:0.2 La:0.2 Kiều:0.1';
// Hoàng/Vũ in the north are Huỳnh/Võ in the south: one family name, two pronunciations.
const FAMILY = {
  north: weighted(`${COMMON_FAMILY} Hoàng:5.1 Vũ:3.9`),
  south: weighted(`${COMMON_FAMILY} Huỳnh:5.1 Võ:3.9`),
};
const MIDDLE = {
  male: weighted(
    'Văn:40 Đức:8 Minh:8 Quốc:5 Hữu:5 Đình:4 Công:4 Xuân:4 Thanh:4 Ngọc:3 Trọng:3 Duy:3 Mạnh:3 Tiến:3 Quang:3 ' +
      'Hoàng:2 Anh:2 Thế:2 Việt:2',
  ),
  female: weighted('Thị:55 Ngọc:6 Thu:5 Thanh:5 Hồng:4 Thùy:4 Minh:3 Phương:3 Kim:3 Mai:2 Bích:2 Thúy:2 Hải:2'),
};
const SECOND_MIDDLE = weighted('Thu Thanh Hồng Thùy Minh Phương Kim Mai Bích Thúy Ngọc Diệu');
const GIVEN = {
  male: weighted(
    'Hùng Dũng Tuấn Minh Hải Nam Long Cường Thắng Đức Huy Quang Sơn Bình Tùng Hiếu Phong Trung Thành Hoàng ' +
      'Khánh Việt Anh Tú Lâm Hưng Toàn Kiên Đạt Vinh Tâm Lộc Phúc Quân Duy Khoa Nghĩa Thịnh Công Đông Hòa Thủy ' +
      'Hậu Lực Chiến Hiệp Tài Trường Vũ Hoan',
  ),
  female: weighted(
    'Lan Hương Hoa Mai Linh Trang Hằng Ngọc Thảo Phương Nga Hà Thủy Yến Nhung Huyền Dung Vân Oanh Loan Hạnh ' +
      'Hiền Thu Liên Quỳnh Anh Châu Diệp Tuyết Xuân Hồng Nhàn Thơm',
  ),
};
const ETHNIC_NAMES = {
  [EthnicityCodes.mong]: {
    family: weighted('Giàng:3 Vàng:3 Sùng:2 Lý:2 Hạng:2 Thào:2 Mùa Lầu Vừ Hầu'),
    middle: { male: weighted('A:3 Mí:2 Seo:2 Chẩn Văn'), female: weighted('Thị') },
    given: {
      male: weighted('Páo Chứ Dình Sính Pó Lử Chính Tủa Dế Chá Sử Chư Lềnh Giàng Chúng Sò'),
      female: weighted('Mỷ Dợ Sua Pằng Chía Mai Dinh Say Máy Dủa'),
    },
  },
  [EthnicityCodes.dao]: {
    family: weighted('Triệu:3 Bàn:3 Đặng:2 Lý:2 Phùng Chảo Tẩn'),
    middle: { male: weighted('Văn:3 Tiến Kim Quý'), female: weighted('Thị:4 Kim') },
    given: {
      male: weighted('Quý Phú Sinh Tài Lở Chàn Phin Vần Kiềm Dùn Chòi'),
      female: weighted('Mây Mẩy Nhất Sẩy Phây Lai Dung Hoa'),
    },
  },
} as const;
const TAY_NUNG_FAMILY = weighted('Hoàng:3 Nông:3 Lục:2 Ma:2 Hà:2 Triệu Lương Vi Đàm Quan La');
const THAI_FAMILY = weighted('Lò:3 Lường:2 Cầm:2 Điêu Quàng Tòng Vì Hoàng');
const EDE_FAMILY = weighted('Niê:3 Mlô:2 Êban Byă Ksơr Adrơng Hwing Ayun Nay');
const EDE_GIVEN = weighted('Blin Dhăm Khuê Sơn Bhin Thuôn Lang Kmă Hra Jú Yơn Ju Drang');
const KHMER_FAMILY = weighted('Thạch:3 Danh:3 Sơn:2 Kim:2 Lâm Chau Lý Trà');
const KHMER_SYLLABLE = weighted('Sa Ra Sô Phên Út Rây Pho Ny Sóc Thươl Kha Na Mol Rết Chanh Dên Sam');
const NICKNAMES = weighted('Tèo Tý Tí Bin Cu Bo Tũn Bờm Sún Bống Hói Đen Tồ Khoai Béo Còi Nhỏ Cò Sáu Bảy');

const HIGHLAND_PATTERN: ReadonlySet<string> = new Set([
  EthnicityCodes.ede,
  EthnicityCodes.jarai,
  EthnicityCodes.bahnar,
  EthnicityCodes.mnong,
]);

/** A name in the pattern of the person's group; `family` forces the family name (a father, a brother). */
function fullName(random: Random, sex: Sex, ethnicity: string, south: boolean, family?: string): string {
  // Ê-đê and neighbours: a male or female marker, the given name, the (matrilineal) family name last.
  if (HIGHLAND_PATTERN.has(ethnicity))
    return `${sex === 'male' ? 'Y ' : "H'"}${EDE_GIVEN(random)} ${EDE_FAMILY(random)}`;
  const ethnic = ETHNIC_NAMES[ethnicity as keyof typeof ETHNIC_NAMES];
  if (ethnic) {
    return `${family ?? ethnic.family(random)} ${ethnic.middle[sex](random)} ${ethnic.given[sex](random)}`;
  }
  if (ethnicity === EthnicityCodes.khmer) {
    const given = `${KHMER_SYLLABLE(random)} ${KHMER_SYLLABLE(random)}`;
    return `${family ?? KHMER_FAMILY(random)} ${sex === 'female' ? 'Thị ' : ''}${given}`;
  }
  const familyName =
    family ??
    (ethnicity === EthnicityCodes.tay || ethnicity === EthnicityCodes.nung
      ? TAY_NUNG_FAMILY(random)
      : ethnicity === EthnicityCodes.thai
        ? THAI_FAMILY(random)
        : FAMILY[south ? 'south' : 'north'](random));
  const middle = MIDDLE[sex](random);
  // Many women carry "Thị" and a second middle name: Nguyễn Thị Thu Hằng.
  const second = sex === 'female' && middle === 'Thị' && chance(random, 0.2) ? ` ${SECOND_MIDDLE(random)}` : '';
  return `${familyName} ${middle}${second} ${GIVEN[sex](random)}`;
}

// Where people live and who they are ----------------------------------------------------------------------
const ETHNICITY_MIX: Readonly<Record<string, Pick>> = {
  // North-east mountains: Tuyên Quang (with Hà Giang), Cao Bằng, Lạng Sơn, Thái Nguyên (with Bắc Kạn).
  northEast: weighted('01:40 02:25 08:15 09:10 07:7 25:1 15:1 43:0.5 46:0.5'),
  // North-west: Điện Biên, Lai Châu, Sơn La, Lào Cai (with Yên Bái).
  northWest: weighted('01:30 03:35 08:20 09:8 02:3 35:1 29:1 40:1 06:1'),
  highlands: weighted('01:70 10:8 12:8 13:5 20:3 16:3 14:2 07:1'),
  mekong: weighted('01:85 05:13 04:2'),
  elsewhere: weighted('01:96 06:1.5 04:1 02:0.5 07:0.5 03:0.5'),
};
const MIX_OF_PROVINCE: Readonly<Record<string, keyof typeof ETHNICITY_MIX>> = {
  '04': 'northEast',
  '08': 'northEast',
  '19': 'northEast',
  '20': 'northEast',
  '11': 'northWest',
  '12': 'northWest',
  '14': 'northWest',
  '15': 'northWest',
  '52': 'highlands',
  '66': 'highlands',
  '68': 'highlands',
  '91': 'mekong',
  '92': 'mekong',
  '96': 'mekong',
  '86': 'mekong',
};
const EDUCATION = weighted({
  [EducationLevels.none]: 3,
  [EducationLevels.primary]: 15,
  [EducationLevels.lowerSecondary]: 40,
  [EducationLevels.upperSecondary]: 28,
  [EducationLevels.vocational]: 7,
  [EducationLevels.college]: 3,
  [EducationLevels.university]: 4,
}) as (random: Random) => EducationLevel;
const OCCUPATION = weighted({
  [Occupations.unemployed]: 25,
  [Occupations.freelanceLabourer]: 30,
  [Occupations.farmer]: 20,
  [Occupations.factoryWorker]: 8,
  [Occupations.trader]: 4,
  [Occupations.driver]: 5,
  [Occupations.serviceWorker]: 4,
  [Occupations.publicEmployee]: 0.5,
  [Occupations.other]: 3.5,
}) as (random: Random) => Occupation;
// Heroin is the older generation's drug; methamphetamine ("ma túy đá") and party drugs the younger one's.
const SUBSTANCE_OLDER = weighted({
  [Substances.heroin]: 60,
  [Substances.methamphetamine]: 30,
  [Substances.cannabis]: 10,
}) as (random: Random) => Substance;
const SUBSTANCE_YOUNGER = weighted({
  [Substances.methamphetamine]: 55,
  [Substances.heroin]: 15,
  [Substances.mdma]: 10,
  [Substances.ketamine]: 8,
  [Substances.cannabis]: 12,
}) as (random: Random) => Substance;
const VILLAGE = weighted(
  'Nà_Khá Khuổi_Củng Pác_Ngòi Nặm_Đăm Bản_Chang Làng_Mới Tân_Lập Đồng_Tâm Hồng_Thái Trung_Tâm Cốc_Phát ' +
    'Nà_Mèo Phiêng_Lang Thác_Cái Bình_Minh Quyết_Thắng Tiền_Phong Khuôn_Hà',
);
const STREET = weighted(
  'Lê_Lợi Trần_Hưng_Đạo Nguyễn_Trãi Quang_Trung Hoàng_Văn_Thụ Lý_Thường_Kiệt Phan_Đình_Phùng Nguyễn_Du ' +
    'Hai_Bà_Trưng Bà_Triệu Kim_Đồng 17_Tháng_8 Tân_Trào Chiến_Thắng_Sông_Lô Trường_Chinh',
);
const RELATION = weighted('Mẹ:4 Bố:3 Vợ:2 Anh_trai Chị_gái Em_trai');
/** Relatives who share the person's family name (spouses and mothers keep their own). */
const SAME_FAMILY: ReadonlySet<string> = new Set(['Bố', 'Anh trai', 'Chị gái', 'Em trai']);
const FEMALE_RELATIONS: ReadonlySet<string> = new Set(['Mẹ', 'Chị gái', 'Vợ']);
const PHONE_PREFIX = weighted('086 096 097 098 032 033 035 038 088 091 094 083 089 090 093 070 079');

function street(random: Random, c: Commune): string {
  if (c.kind === 'phuong') {
    return chance(random, 0.5)
      ? `Tổ dân phố ${between(random, 1, 25)}`
      : `Số ${between(random, 1, 350)}, đường ${STREET(random)}`;
  }
  return chance(random, 0.3) ? `Xóm ${between(random, 1, 15)}` : `Thôn ${VILLAGE(random)}`;
}

function randomDate(random: Random, from: string, to: string): string {
  const start = dayNumber(from);
  return isoDate(start + Math.floor(random() * (dayNumber(to) - start + 1)));
}

// Most managed people were born 1980–2000, with tails to 1960 and to 2008 (17 at the reference date).
const BIRTH_DECADE = weighted('1960:5 1970:12 1980:33 1990:35 2000:15');

function birthYear(random: Random): number {
  const decade = Number(BIRTH_DECADE(random));
  return decade === 2000 ? between(random, 2000, 2008) : between(random, decade, decade + 9);
}

/** Generates `count` people; the same seed and options give the same people. */
export function* syntheticPersons(seed: number, count: number, options: SyntheticOptions = {}) {
  const home = options.provinceCode ?? '08';
  const random = mulberry32(seed);
  const allProvinces = provinces().map((p) => p.code);
  const oldCodes = new Map(
    allProvinces.map((code) => [code, CITIZEN_ID_PROVINCES.filter((p) => p.mergedInto === code)]),
  );
  // Unique within a run, as the database requires; two runs into one database may still collide.
  const issued = new Set<string>();
  const pickCommune = (province: string) => {
    const list = communesOf(province);
    return list[Math.floor(random() * list.length)]!;
  };
  const address = (province: string, c: Commune) => ({
    provinceCode: province,
    communeCode: c.code,
    street: street(random, c),
  });

  for (let n = 0; n < count; n++) {
    const province = chance(random, 0.85) ? home : allProvinces[Math.floor(random() * allProvinces.length)]!;
    const south = Number(province) >= 44;
    const sex: Sex = chance(random, 0.9) ? 'male' : 'female';
    const ethnicity = ETHNICITY_MIX[MIX_OF_PROVINCE[province] ?? 'elsewhere']!(random);
    const name = fullName(random, sex, ethnicity, south);
    const year = birthYear(random);
    const fullDate = randomDate(random, `${year}-01-01`, `${year}-12-31`);
    const birthDate = chance(random, 0.1) ? String(year) : fullDate;

    // Registered at birth in an old province of today's province, sometimes far from it.
    const registration = chance(random, 0.92) ? oldCodes.get(province)! : CITIZEN_ID_PROVINCES;
    let citizenId: string;
    do {
      citizenId =
        year < 1975 && chance(random, 0.05)
          ? String(between(random, 10_000_000, 389_999_999)).padStart(9, '0')
          : composeCitizenId({
              provinceCode: registration[Math.floor(random() * registration.length)]!.code,
              sex,
              birthYear: year,
              serial: between(random, 0, 999_999),
            });
    } while (issued.has(citizenId));
    issued.add(citizenId);

    const permanentCommune = pickCommune(province);
    const permanentAddress = address(province, permanentCommune);
    const currentAddress = chance(random, 0.2) ? address(province, pickCommune(province)) : { ...permanentAddress };

    const first = (year < 1985 ? SUBSTANCE_OLDER : SUBSTANCE_YOUNGER)(random);
    const second = chance(random, 0.3) ? SUBSTANCE_YOUNGER(random) : first;
    // First use after the 13th birthday (after the end of the 13th year when only the year is known).
    // Born on 29 February: the 13th birthday is on 1 March.
    const thirteenth = fullDate.endsWith('-02-29') ? `${year + 13}-03-01` : `${year + 13}${fullDate.slice(4)}`;
    const earliest = addDays(birthDate.length === 4 ? `${year + 13}-12-31` : thirteenth, 1);
    const latest = `${Math.min(year + 35, Number(REFERENCE_DATE.slice(0, 4)))}${REFERENCE_DATE.slice(4)}`;
    const firstUseDate = randomDate(random, earliest, latest < earliest ? earliest : latest);

    let relation = RELATION(random);
    if (relation === 'Vợ' && (sex === 'female' || year > 2000))
      relation = sex === 'female' && year <= 2000 ? 'Chồng' : 'Mẹ';
    const relativeSex: Sex = FEMALE_RELATIONS.has(relation) ? 'female' : 'male';
    const family = SAME_FAMILY.has(relation) && !HIGHLAND_PATTERN.has(ethnicity) ? name.split(' ')[0] : undefined;
    const relative = fullName(random, relativeSex, ethnicity, south, family);
    const phone = `${PHONE_PREFIX(random)}${String(between(random, 0, 9_999_999)).padStart(7, '0')}`;

    const person: SyntheticPerson = {
      fullName: name,
      otherNames: chance(random, 0.3) ? [NICKNAMES(random)] : [],
      sex,
      birthDate,
      citizenId,
      ethnicity,
      education: EDUCATION(random),
      occupation: year >= 2005 && chance(random, 0.4) ? Occupations.student : OCCUPATION(random),
      permanentAddress,
      currentAddress,
      substances: first === second ? [first] : [first, second],
      firstUseDate,
      familyContact: `${relation}: ${relative}, ${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`,
    };
    yield person;
  }
}
