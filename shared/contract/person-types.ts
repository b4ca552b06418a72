import type {
  DeterminationResult,
  MeasureKind,
  MeasureStatus,
  PersonCategory,
  Sex,
  Substance,
  TestMethod,
  TestResult,
} from '../domain/persons';

export interface Address {
  provinceCode: string;
  communeCode: string;
  street: string;
}

/** One row of a search result: enough to recognise a person, nothing more. */
export interface PersonSummary {
  id: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  citizenId: string | null;
  category: PersonCategory;
  provinceCode: string | null;
  communeCode: string | null;
  unitId: string | null;
  updatedAt: string;
}

export interface PersonRecord extends PersonSummary {
  otherNames: string[];
  citizenIdOverrideReason: string | null;
  /** Warnings the CCCD check raised (kept with the record when overridden). */
  citizenIdWarnings: string[];
  ethnicity: string | null;
  education: string | null;
  occupation: string | null;
  familyContact: string | null;
  permanentAddress: Address | null;
  currentAddress: Address | null;
  substances: Substance[];
  firstUseDate: string | null;
  hasPhoto: boolean;
  lastContactAt: string | null;
  mergedInto: string | null;
  createdAt: string;
}

export interface CheckIn {
  id: string;
  measureId: string;
  date: string;
  note: string;
  createdAt: string;
}

export interface Measure {
  id: string;
  personId: string;
  kind: MeasureKind;
  decisionNumber: string;
  decisionDate: string;
  authority: string;
  officer: string | null;
  startDate: string;
  endDate: string | null;
  status: MeasureStatus;
  notes: string | null;
  checkIns: CheckIn[];
  createdAt: string;
  /** When the measure was last changed (its status, notes): the day a measure was ended early. */
  updatedAt: string;
}

export interface DrugTest {
  id: string;
  personId: string;
  date: string;
  method: TestMethod;
  result: TestResult;
  substances: Substance[];
  notes: string | null;
  createdAt: string;
}

export interface Determination {
  id: string;
  personId: string;
  requestedDate: string;
  facility: string;
  resultDate: string | null;
  result: DeterminationResult;
  formRef: string | null;
  /** For a positive result: last day to register for rehab or methadone (working days, holidays skipped). */
  registrationDeadline: string | null;
  registeredAt: string | null;
  createdAt: string;
}

export interface TimelineEvent {
  date: string;
  kind:
    | 'measure_start'
    | 'measure_end'
    | 'measure_interrupted'
    | 'check_in'
    | 'test'
    | 'determination_requested'
    | 'determination_result'
    | 'registration';
  refId: string;
  /** Detail for the label: measure kind, test result, determination result. */
  detail: string | null;
}

/**
 * A person's file as the caller may see it. `limited` files (rehab staff) carry identity and category only:
 * the lists are empty and the sensitive identity fields are null.
 */
export interface PersonFile {
  person: PersonRecord;
  limited: boolean;
  measures: Measure[];
  tests: DrugTest[];
  determinations: Determination[];
  timeline: TimelineEvent[];
}

export interface PersonSearchResult {
  items: PersonSummary[];
  /** Exact number of matches, or null when there are more than can be counted quickly. */
  total: number | null;
  truncated: boolean;
}

export interface DuplicateCheck {
  /** The file with this CCCD, when it is within the caller's scope. */
  sameCitizenId: PersonSummary | null;
  /** A file with this CCCD exists outside the caller's scope: only whom to ask (the owning unit, if any). */
  citizenIdElsewhere: { owningUnit: { code: string; name: string } | null } | null;
  similar: PersonSummary[];
  citizenIdWarnings: string[];
  citizenIdErrors: string[];
}

export interface DueItem {
  person: PersonSummary;
  reason: 'measure_ending' | 'registration_overdue' | 'no_contact';
  date: string;
  refId: string | null;
  detail: string | null;
}

export interface DueList {
  today: string;
  items: DueItem[];
  /** More people than listed have had no contact (the list shows the NO_CONTACT_MAX longest silent). */
  noContactTruncated: boolean;
}

export interface FileReader {
  at: string;
  username: string | null;
  role: string | null;
  action: string;
}

/** What a write to a person's file answers: the record written and the whole file as it now stands. */
export interface Written<T> {
  record: T;
  file: PersonFile;
}
