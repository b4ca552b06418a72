import {
  EXHIBIT_KIND_LIST,
  HOTSPOT_KIND_LIST,
  PARTNER_COUNTRY_LIST,
  QUANTITY_UNIT_LIST,
  SEIZED_SUBSTANCE_LIST,
  SUSPECT_MEASURE_LIST,
  SUSPECT_OUTCOME_LIST,
  SUSPECT_ROLE_LIST,
  TIP_CHANNEL_LIST,
  TIP_SOURCE_LIST,
} from '../../shared/domain/investigations/catalog';
import { SEVERITY_LIST } from '../../shared/domain/investigations/severity';
import { CASE_STATE_LIST, HOTSPOT_STATUS_LIST, TIP_STATE_LIST } from '../../shared/domain/investigations/states';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';
import { investigationRepository } from './investigation.repository';

const text = { type: 'text' } as const;
const optText = { type: 'text', nullable: true } as const;
const date = { type: 'date' } as const;
const optDate = { type: 'date', nullable: true } as const;
const flag = { type: 'integer' } as const;

/** Investigators and leaders read everything of a tip or case in their scope; commune officers tips only. */
const CASE_READERS = { leader: ALL_COLUMNS, investigator: ALL_COLUMNS } as const;
const TIP_READERS = { ...CASE_READERS, commune_officer: ALL_COLUMNS } as const;

/** Tips (tin báo, tố giác, kiến nghị khởi tố). `deadline` follows receipt and extensions (Art. 147). */
export const tipTable = defineTable({
  table: 'tips',
  recordType: 'tip',
  family: 'tips',
  title: 'summary',
  columns: {
    receivedOn: date,
    receivedAt: optText,
    unitId: optText,
    receivedBy: optText,
    source: { type: 'text', enum: TIP_SOURCE_LIST },
    channel: { type: 'text', enum: TIP_CHANNEL_LIST },
    provinceCode: optText,
    communeCode: optText,
    place: optText,
    summary: text,
    personIds: { type: 'json' },
    state: { type: 'text', enum: TIP_STATE_LIST },
    decidedOn: optDate,
    decisionNumber: optText,
    decisionNote: optText,
    transferredTo: optText,
    caseId: optText,
    deadline: date,
  },
  derived: ['deadline'],
  async rederive(db, ids) {
    for (const id of ids) await investigationRepository.refreshTip(db, id);
  },
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode' },
  sensitive: ['receivedBy', 'place', 'summary', 'personIds', 'decisionNote'],
  views: TIP_READERS,
});

/** An extension of a tip's time limit: its parent tip's deadline follows. */
export const tipExtensionTable = defineTable({
  table: 'tipExtensions',
  recordType: 'tip_extension',
  family: 'tips',
  columns: { tipId: text, decisionNumber: text, decidedOn: date, months: { type: 'integer' } },
  derived: [],
  async rederive(db, ids) {
    for (const tipId of await investigationRepository.extensionOwners(db, 'tipExtensions', ids))
      await investigationRepository.refreshTip(db, tipId);
  },
  parent: { table: 'tips', column: 'tipId' },
  sensitive: [],
  views: TIP_READERS,
});

/** Cases (vụ án). Severity follows the offences (Art. 9), `deadline` the prosecution and extensions (Art. 172). */
export const caseTable = defineTable({
  table: 'drugCases',
  recordType: 'case',
  family: 'cases',
  title: 'number',
  columns: {
    number: text,
    unitId: optText,
    provinceCode: optText,
    communeCode: optText,
    prosecutedOn: date,
    decisionNumber: text,
    prosecutingUnit: optText,
    tipId: optText,
    summary: optText,
    offences: { type: 'json' },
    severity: { type: 'text', enum: SEVERITY_LIST },
    international: flag,
    partnerCountry: { type: 'text', enum: PARTNER_COUNTRY_LIST, nullable: true },
    transnationalRoute: flag,
    organisedRing: flag,
    state: { type: 'text', enum: CASE_STATE_LIST },
    stateOn: date,
    stateHistory: { type: 'json' },
    deadline: date,
  },
  derived: ['severity', 'deadline'],
  async rederive(db, ids) {
    for (const id of ids) await investigationRepository.refreshCase(db, id);
  },
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode' },
  sensitive: ['summary'],
  views: CASE_READERS,
});

export const caseExtensionTable = defineTable({
  table: 'caseExtensions',
  recordType: 'case_extension',
  family: 'cases',
  columns: { caseId: text, decisionNumber: text, decidedOn: date, months: { type: 'integer' } },
  derived: [],
  async rederive(db, ids) {
    for (const caseId of await investigationRepository.extensionOwners(db, 'caseExtensions', ids))
      await investigationRepository.refreshCase(db, caseId);
  },
  parent: { table: 'drugCases', column: 'caseId' },
  sensitive: [],
  views: CASE_READERS,
});

/** A person of the registry in a case (bị can / đối tượng): a link, not a management measure. */
export const suspectTable = defineTable({
  table: 'caseSuspects',
  recordType: 'suspect',
  family: 'cases',
  columns: {
    caseId: text,
    personId: text,
    role: { type: 'text', enum: SUSPECT_ROLE_LIST },
    arrestedOn: optDate,
    custodyUntil: optDate,
    measure: { type: 'text', enum: SUSPECT_MEASURE_LIST },
    measureFrom: optDate,
    outcome: { type: 'text', enum: SUSPECT_OUTCOME_LIST },
    notes: optText,
  },
  derived: [],
  parent: { table: 'drugCases', column: 'caseId' },
  sensitive: ['notes', 'arrestedOn', 'custodyUntil'],
  views: CASE_READERS,
});

/**
 * What was seized, on a case or on a tip. It carries its owner's scope columns (copied when it is written), since
 * a parent is one table and a seizure may belong to either; it is case-file data (`cases` family) either way.
 */
export const seizureTable = defineTable({
  table: 'seizures',
  recordType: 'seizure',
  family: 'cases',
  columns: {
    caseId: optText,
    tipId: optText,
    unitId: optText,
    provinceCode: optText,
    communeCode: optText,
    kind: { type: 'text', enum: ['substance', 'exhibit'] },
    substance: { type: 'text', enum: SEIZED_SUBSTANCE_LIST, nullable: true },
    quantity: optText,
    unit: { type: 'text', enum: QUANTITY_UNIT_LIST, nullable: true },
    exhibit: { type: 'text', enum: EXHIBIT_KIND_LIST, nullable: true },
    count: { type: 'integer', nullable: true },
    description: optText,
    seizedOn: date,
  },
  derived: [],
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode' },
  sensitive: ['description'],
  views: CASE_READERS,
});

/** Hot spots (điểm, tụ điểm phức tạp về ma túy): commune police and investigators record them. */
export const hotspotTable = defineTable({
  table: 'hotspots',
  recordType: 'hotspot',
  family: 'tips',
  title: 'address',
  columns: {
    unitId: optText,
    provinceCode: optText,
    communeCode: text,
    address: text,
    kind: { type: 'text', enum: HOTSPOT_KIND_LIST },
    activities: { type: 'json' },
    discoveredOn: date,
    status: { type: 'text', enum: HOTSPOT_STATUS_LIST },
    statusOn: date,
    eliminatedOn: optDate,
    eliminatedByCaseId: optText,
    reformedCount: { type: 'integer' },
    reformedOn: optDate,
    notes: optText,
    history: { type: 'json' },
  },
  derived: [],
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode' },
  sensitive: ['address', 'notes'],
  views: TIP_READERS,
});

export const INVESTIGATION_TABLES = [
  tipTable,
  tipExtensionTable,
  caseTable,
  caseExtensionTable,
  suspectTable,
  seizureTable,
  hotspotTable,
] as const;
