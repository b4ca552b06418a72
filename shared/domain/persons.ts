/**
 * Persons under management: categories, measures, tests and determinations (see DOMAIN.md).
 * Durations and holidays are configuration (shared/domain/person-rules.ts), never hard-coded in services.
 */
export const Sexes = Object.freeze({ male: 'male', female: 'female' } as const);
export type Sex = (typeof Sexes)[keyof typeof Sexes];

/**
 * The category follows from what is on file, in this order of precedence: an active rehab measure, an
 * active methadone measure, an active post-rehab measure, a positive addiction determination, a positive
 * drug test or an active illegal-user management measure. Nothing on file: `unclassified`.
 */
export const PersonCategories = Object.freeze({
  unclassified: 'unclassified',
  user: 'user',
  addict: 'addict',
  in_rehab: 'in_rehab',
  methadone: 'methadone',
  post_rehab: 'post_rehab',
} as const);
export type PersonCategory = (typeof PersonCategories)[keyof typeof PersonCategories];
export const PERSON_CATEGORY_LIST = Object.freeze(Object.values(PersonCategories));

export const MeasureKinds = Object.freeze({
  /** Quản lý người sử dụng trái phép chất ma túy (1 year from the commune chairman's decision). */
  user_management: 'user_management',
  /** Cai nghiện tự nguyện tại gia đình, cộng đồng. */
  voluntary_rehab_community: 'voluntary_rehab_community',
  /** Cai nghiện tự nguyện tại cơ sở cai nghiện. */
  voluntary_rehab_facility: 'voluntary_rehab_facility',
  /** Cai nghiện bắt buộc (court decision). */
  compulsory_rehab: 'compulsory_rehab',
  /** Điều trị thay thế (methadone). */
  methadone: 'methadone',
  /** Quản lý sau cai nghiện. */
  post_rehab_management: 'post_rehab_management',
} as const);
export type MeasureKind = (typeof MeasureKinds)[keyof typeof MeasureKinds];
export const MEASURE_KIND_LIST = Object.freeze(Object.values(MeasureKinds));
export const REHAB_KINDS: readonly MeasureKind[] = Object.freeze([
  'voluntary_rehab_community',
  'voluntary_rehab_facility',
  'compulsory_rehab',
]);

export const MeasureStatuses = Object.freeze({
  active: 'active',
  completed: 'completed',
  interrupted: 'interrupted',
} as const);
export type MeasureStatus = (typeof MeasureStatuses)[keyof typeof MeasureStatuses];

export const TestResults = Object.freeze({ positive: 'positive', negative: 'negative' } as const);
export type TestResult = (typeof TestResults)[keyof typeof TestResults];

export const TestMethods = Object.freeze({
  urine_quick: 'urine_quick',
  lab: 'lab',
  hair: 'hair',
  other: 'other',
} as const);
export type TestMethod = (typeof TestMethods)[keyof typeof TestMethods];

export const DeterminationResults = Object.freeze({
  pending: 'pending',
  addicted: 'addicted',
  not_addicted: 'not_addicted',
} as const);
export type DeterminationResult = (typeof DeterminationResults)[keyof typeof DeterminationResults];

export const Substances = Object.freeze({
  heroin: 'heroin',
  methamphetamine: 'methamphetamine',
  cannabis: 'cannabis',
  mdma: 'mdma',
  ketamine: 'ketamine',
  cocaine: 'cocaine',
  opium: 'opium',
  other: 'other',
} as const);
export type Substance = (typeof Substances)[keyof typeof Substances];
export const SUBSTANCE_LIST = Object.freeze(Object.values(Substances));
