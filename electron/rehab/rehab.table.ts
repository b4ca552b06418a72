import {
  DECISION_KIND_LIST,
  DOSSIER_ITEM_LIST,
  FACILITY_KIND_LIST,
  METHADONE_STATUS_LIST,
  METHADONE_STOP_REASON_LIST,
  PENDING_CUSTODY_LIST,
  REFERRAL_STATE_LIST,
  STAY_STAGE_LIST,
  STAY_STATUS_LIST,
  VOLUNTARY_SETTING_LIST,
  VOLUNTARY_STATUS_LIST,
} from '../../shared/domain/rehab/codes';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';
import { refreshReferralDeadlines } from './rehab.derive';

const text = { type: 'text' } as const;
const optText = { type: 'text', nullable: true } as const;
const date = { type: 'date' } as const;
const optDate = { type: 'date', nullable: true } as const;
const int = { type: 'integer' } as const;
const optInt = { type: 'integer', nullable: true } as const;
const PLACE = { provinceCode: optText, communeCode: optText, unitId: optText } as const;
const SCOPE = { unit: 'unitId', province: 'provinceCode', commune: 'communeCode', facility: 'facilityId' } as const;

/** Facilities: reference data every signed-in role may list. */
export const facilityTable = defineTable({
  table: 'rehabFacilities',
  recordType: 'facility',
  family: 'reference',
  title: 'name',
  columns: {
    code: text,
    name: text,
    kind: { type: 'text', enum: FACILITY_KIND_LIST },
    provinceCode: text,
    communeCode: optText,
    capacity: int,
    unitId: optText,
  },
  derived: [],
  sensitive: [],
  views: {
    admin: ALL_COLUMNS,
    leader: ALL_COLUMNS,
    investigator: ALL_COLUMNS,
    commune_officer: ALL_COLUMNS,
    rehab_staff: ALL_COLUMNS,
    auditor: ALL_COLUMNS,
  },
});

/**
 * Compulsory-rehab referrals. Commune officers and leaders read the whole dossier; rehab staff of the facility it
 * names read it too (the centre needs the decision and the person's status); investigators see its status only.
 */
export const referralTable = defineTable({
  table: 'rehabReferrals',
  recordType: 'referral',
  family: 'rehab',
  title: { table: 'persons', column: 'personId' },
  columns: {
    personId: text,
    state: { type: 'text', enum: REFERRAL_STATE_LIST },
    stateOn: date,
    discoveredOn: date,
    sentOn: optDate,
    acceptedOn: optDate,
    minor: int,
    complex: int,
    ground: { type: 'text', nullable: true, enum: ['determination', 'history'] },
    facilityId: optText,
    pendingCustody: { type: 'text', enum: PENDING_CUSTODY_LIST },
    heldFrom: optDate,
    heldTo: optDate,
    deferredUntil: optDate,
    decisionKind: { type: 'text', nullable: true, enum: DECISION_KIND_LIST },
    decisionTerm: optInt,
    decisionNumber: optText,
    decisionCourt: optText,
    decisionOn: optDate,
    lawId: optText,
    isRepeat: int,
    plannedDischargeOn: optDate,
    notes: optText,
    history: { type: 'json' },
    checklist: { type: 'json' },
    ...PLACE,
    deadline: optDate,
  },
  derived: ['deadline'],
  rederive: (db, ids) => refreshReferralDeadlines(db, ids),
  scope: SCOPE,
  sensitive: ['notes', 'history', 'checklist', 'decisionNumber'],
  views: {
    leader: ALL_COLUMNS,
    commune_officer: ALL_COLUMNS,
    rehab_staff: ALL_COLUMNS,
    investigator: [
      'personId',
      'state',
      'stateOn',
      'discoveredOn',
      'sentOn',
      'acceptedOn',
      'minor',
      'complex',
      'facilityId',
      'decisionKind',
      'decisionTerm',
      'decisionOn',
      'plannedDischargeOn',
      'provinceCode',
      'communeCode',
      'unitId',
      'deadline',
    ],
  },
});

/** Scans of the dossier's documents (their referral's scope); not for investigators or centres. */
export const documentTable = defineTable({
  table: 'rehabDocuments',
  recordType: 'referral_document',
  family: 'rehab',
  columns: {
    referralId: text,
    item: { type: 'text', enum: DOSSIER_ITEM_LIST },
    mime: text,
    size: int,
    addedOn: date,
    scan: { ...optText, attachment: true },
  },
  derived: [],
  parent: { table: 'rehabReferrals', column: 'referralId' },
  sensitive: ['scan'],
  views: { leader: ALL_COLUMNS, commune_officer: ALL_COLUMNS },
});

/** Stays at a facility: its staff, and the commune of residence (the hand-over), read them. */
export const stayTable = defineTable({
  table: 'rehabStays',
  recordType: 'stay',
  family: 'rehab',
  title: { table: 'persons', column: 'personId' },
  columns: {
    personId: text,
    facilityId: text,
    referralId: optText,
    voluntaryId: optText,
    admittedOn: date,
    termMonths: optInt,
    plannedDischargeOn: optDate,
    dischargedOn: optDate,
    certificateNumber: optText,
    status: { type: 'text', enum: STAY_STATUS_LIST },
    stage: { type: 'text', enum: STAY_STAGE_LIST },
    stages: { type: 'json' },
    incidents: { type: 'json' },
    capacityOverride: int,
    measureId: optText,
    postMeasureId: optText,
    ...PLACE,
  },
  derived: [],
  scope: SCOPE,
  sensitive: ['incidents'],
  views: { leader: ALL_COLUMNS, commune_officer: ALL_COLUMNS, rehab_staff: ALL_COLUMNS, investigator: ALL_COLUMNS },
});

export const voluntaryTable = defineTable({
  table: 'rehabVoluntary',
  recordType: 'voluntary_rehab',
  family: 'rehab',
  title: { table: 'persons', column: 'personId' },
  columns: {
    personId: text,
    setting: { type: 'text', enum: VOLUNTARY_SETTING_LIST },
    facilityId: optText,
    registeredOn: date,
    startOn: optDate,
    termMonths: int,
    status: { type: 'text', enum: VOLUNTARY_STATUS_LIST },
    endedOn: optDate,
    notes: optText,
    measureId: optText,
    ...PLACE,
  },
  derived: [],
  scope: SCOPE,
  sensitive: ['notes'],
  views: { leader: ALL_COLUMNS, commune_officer: ALL_COLUMNS, rehab_staff: ALL_COLUMNS, investigator: ALL_COLUMNS },
});

export const methadoneTable = defineTable({
  table: 'rehabMethadone',
  recordType: 'methadone',
  family: 'rehab',
  title: { table: 'persons', column: 'personId' },
  columns: {
    personId: text,
    clinicId: text,
    startedOn: date,
    status: { type: 'text', enum: METHADONE_STATUS_LIST },
    statusOn: date,
    stoppedOn: optDate,
    stopReason: { type: 'text', nullable: true, enum: METHADONE_STOP_REASON_LIST },
    notes: optText,
    measureId: optText,
    ...PLACE,
  },
  derived: [],
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode', facility: 'clinicId' },
  sensitive: ['notes'],
  views: { leader: ALL_COLUMNS, commune_officer: ALL_COLUMNS, rehab_staff: ALL_COLUMNS, investigator: ALL_COLUMNS },
});

export const REHAB_TABLES = [facilityTable, referralTable, documentTable, stayTable, voluntaryTable, methadoneTable];
