/**
 * Reference lists for a person's identity: the 54 ethnic groups, education levels and occupations.
 *
 * Records store the codes; the names here are for display and search. Statistics (Circular 13/2022/TT-BCA
 * report forms) count people by ethnicity, education and occupation, so the codes must stay stable.
 */

export interface Ethnicity {
  /** Two digits, "01"–"54". */
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** Other spellings people write, for matching imported or typed text ("Khmer", "H'Mông"). */
  readonly aliases: readonly string[];
}

/**
 * The 54 ethnic groups with the General Statistics Office codes of Decision 121-TCTK/PPCĐ (2/3/1979),
 * ordered by population as it was then: 01 Kinh … 53 Ơ Đu, 54 Rơ-măm. The later list of Decision
 * 1019/QĐ-TCTK (2008) numbers them differently (04 Mường, 05 Khơ-me, 06 Hoa …); if a register we exchange
 * with uses that one, translate at the boundary rather than renumbering records.
 */
export const ETHNICITIES: readonly Ethnicity[] = Object.freeze(
  (
    [
      ['01', 'Kinh', 'Kinh (Viet)', ['Việt']],
      ['02', 'Tày', 'Tay', []],
      ['03', 'Thái', 'Thai', []],
      ['04', 'Hoa', 'Hoa (Chinese)', ['Hán']],
      ['05', 'Khơ-me', 'Khmer', ['Khmer', 'Khơ Me']],
      ['06', 'Mường', 'Muong', []],
      ['07', 'Nùng', 'Nung', []],
      ['08', 'Mông', 'Hmong', ['Hmông', "H'Mông", 'HMông']],
      ['09', 'Dao', 'Dao (Yao)', []],
      ['10', 'Gia-rai', 'Jarai', ['Gia Rai', 'Jrai']],
      ['11', 'Ngái', 'Ngai', []],
      ['12', 'Ê-đê', 'Ede (Rhade)', ['Ê Đê', 'Rhade']],
      ['13', 'Ba-na', 'Bahnar', ['Ba Na', 'Bahnar']],
      ['14', 'Xơ-đăng', 'Sedang', ['Xơ Đăng', 'Sedang']],
      ['15', 'Sán Chay', 'San Chay', ['Cao Lan', 'Sán Chỉ']],
      ['16', 'Cơ-ho', 'Koho', ['Cơ Ho', "K'Ho", 'Koho']],
      ['17', 'Chăm', 'Cham', ['Chàm']],
      ['18', 'Sán Dìu', 'San Diu', []],
      ['19', 'Hrê', 'Hre', []],
      ['20', 'Mnông', 'Mnong', ["M'Nông"]],
      ['21', 'Ra-glai', 'Raglai', ['Ra Glai', 'Raglai']],
      ['22', 'Xtiêng', 'Stieng', ["X'Tiêng", 'Stiêng']],
      ['23', 'Bru-Vân Kiều', 'Bru (Van Kieu)', ['Bru', 'Vân Kiều']],
      ['24', 'Thổ', 'Tho', []],
      ['25', 'Giáy', 'Giay', []],
      ['26', 'Cơ-tu', 'Katu', ['Cơ Tu', 'Katu']],
      ['27', 'Gié-Triêng', 'Gie Trieng', ['Giẻ Triêng', 'Gié Triêng']],
      ['28', 'Mạ', 'Ma', []],
      ['29', 'Khơ-mú', 'Khmu', ['Khơ Mú', 'Khmu']],
      ['30', 'Co', 'Co', []],
      ['31', 'Tà-ôi', 'Ta Oi', ['Tà Ôi']],
      ['32', 'Chơ-ro', 'Cho Ro', ['Chơ Ro']],
      ['33', 'Kháng', 'Khang', []],
      ['34', 'Xinh-mun', 'Xinh Mun', ['Xinh Mun']],
      ['35', 'Hà Nhì', 'Ha Nhi (Hani)', []],
      ['36', 'Chu-ru', 'Chu Ru', ['Chu Ru']],
      ['37', 'Lào', 'Lao', []],
      ['38', 'La Chí', 'La Chi', []],
      ['39', 'La Ha', 'La Ha', []],
      ['40', 'Phù Lá', 'Phu La', []],
      ['41', 'La Hủ', 'La Hu (Lahu)', []],
      ['42', 'Lự', 'Lu', []],
      ['43', 'Lô Lô', 'Lo Lo', []],
      ['44', 'Chứt', 'Chut', []],
      ['45', 'Mảng', 'Mang', []],
      ['46', 'Pà Thẻn', 'Pa Then', []],
      ['47', 'Cờ Lao', 'Co Lao (Gelao)', ['Co Lao']],
      ['48', 'Cống', 'Cong', []],
      ['49', 'Bố Y', 'Bo Y (Bouyei)', []],
      ['50', 'Si La', 'Si La', []],
      ['51', 'Pu Péo', 'Pu Peo', []],
      ['52', 'Brâu', 'Brau', []],
      ['53', 'Ơ Đu', 'O Du', []],
      ['54', 'Rơ-măm', 'Ro Mam', ['Rơ Măm']],
    ] as const
  ).map(([code, name, nameEn, aliases]) => Object.freeze({ code, name, nameEn, aliases: Object.freeze([...aliases]) })),
);

/** Codes of the groups the seeder and forms name most often. */
export const EthnicityCodes = Object.freeze({
  kinh: '01',
  tay: '02',
  thai: '03',
  hoa: '04',
  khmer: '05',
  muong: '06',
  nung: '07',
  mong: '08',
  dao: '09',
  jarai: '10',
  ede: '12',
  bahnar: '13',
  sanChay: '15',
  koho: '16',
  mnong: '20',
  giay: '25',
} as const);

const byCode: ReadonlyMap<string, Ethnicity> = new Map(ETHNICITIES.map((e) => [e.code, e]));

export function ethnicity(code: string): Ethnicity | undefined {
  return byCode.get(code);
}

/** A label pair for a reference value: Vietnamese first (the UI's language), English for the other locale. */
export interface Label {
  readonly vi: string;
  readonly en: string;
}

/** Highest level completed (trình độ học vấn), in the bands of the statistics forms. */
export const EducationLevels = Object.freeze({
  none: 'none',
  primary: 'primary',
  lowerSecondary: 'lower_secondary',
  upperSecondary: 'upper_secondary',
  vocational: 'vocational',
  college: 'college',
  university: 'university',
  postgraduate: 'postgraduate',
} as const);
export type EducationLevel = (typeof EducationLevels)[keyof typeof EducationLevels];

export const educationLevelLabels: Readonly<Record<EducationLevel, Label>> = Object.freeze({
  none: { vi: 'Không biết chữ / chưa đi học', en: 'No schooling' },
  primary: { vi: 'Tiểu học', en: 'Primary school' },
  lower_secondary: { vi: 'Trung học cơ sở', en: 'Lower secondary school' },
  upper_secondary: { vi: 'Trung học phổ thông', en: 'Upper secondary school' },
  vocational: { vi: 'Trung cấp, sơ cấp nghề', en: 'Vocational training' },
  college: { vi: 'Cao đẳng', en: 'College' },
  university: { vi: 'Đại học', en: 'University' },
  postgraduate: { vi: 'Sau đại học', en: 'Postgraduate' },
});

/** Occupation (nghề nghiệp) as the forms group it; free detail belongs in a note, not in new codes. */
export const Occupations = Object.freeze({
  unemployed: 'unemployed',
  freelanceLabourer: 'freelance_labourer',
  farmer: 'farmer',
  factoryWorker: 'factory_worker',
  trader: 'trader',
  driver: 'driver',
  serviceWorker: 'service_worker',
  student: 'student',
  publicEmployee: 'public_employee',
  other: 'other',
} as const);
export type Occupation = (typeof Occupations)[keyof typeof Occupations];

export const occupationLabels: Readonly<Record<Occupation, Label>> = Object.freeze({
  unemployed: { vi: 'Không nghề nghiệp', en: 'Unemployed' },
  freelance_labourer: { vi: 'Lao động tự do', en: 'Casual labourer' },
  farmer: { vi: 'Làm nông, lâm, ngư nghiệp', en: 'Farmer, forester or fisher' },
  factory_worker: { vi: 'Công nhân', en: 'Factory worker' },
  trader: { vi: 'Kinh doanh, buôn bán', en: 'Trader' },
  driver: { vi: 'Lái xe', en: 'Driver' },
  service_worker: { vi: 'Dịch vụ (nhà hàng, karaoke, cắt tóc…)', en: 'Service worker' },
  student: { vi: 'Học sinh, sinh viên', en: 'Student' },
  public_employee: { vi: 'Cán bộ, công chức, viên chức', en: 'Public employee' },
  other: { vi: 'Khác', en: 'Other' },
});
