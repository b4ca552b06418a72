/**
 * The codes of the investigations domain: sources and channels of tips, substances and the units each may be
 * measured in, exhibits, suspects' roles and measures, hot spots. Labels are in shared/i18n/investigation-labels.ts.
 */
const list = <T extends Record<string, string>>(o: T) => Object.freeze(Object.values(o)) as readonly T[keyof T][];

export const TipSources = Object.freeze({
  citizen: 'citizen',
  agency: 'agency',
  self_detected: 'self_detected',
  transferred: 'transferred',
  mass_media: 'mass_media',
} as const);
export type TipSource = (typeof TipSources)[keyof typeof TipSources];
export const TIP_SOURCE_LIST = list(TipSources);

/** The channels the plans count (seed 000: 100 % of tips about air, express delivery and sea verified). */
export const TipChannels = Object.freeze({
  air: 'air',
  express: 'express',
  sea: 'sea',
  inland_waterway: 'inland_waterway',
  land_border: 'land_border',
  cyberspace: 'cyberspace',
  other: 'other',
} as const);
export type TipChannel = (typeof TipChannels)[keyof typeof TipChannels];
export const TIP_CHANNEL_LIST = list(TipChannels);

export const PartnerCountries = Object.freeze({
  laos: 'laos',
  cambodia: 'cambodia',
  china: 'china',
  thailand: 'thailand',
  other: 'other',
} as const);
export type PartnerCountry = (typeof PartnerCountries)[keyof typeof PartnerCountries];
export const PARTNER_COUNTRY_LIST = list(PartnerCountries);

/** Quantity units. Totals add up within a unit and are never summed across units. */
export const QuantityUnits = Object.freeze({
  g: 'g',
  kg: 'kg',
  tablet: 'tablet',
  ml: 'ml',
  l: 'l',
  plant: 'plant',
  m2: 'm2',
} as const);
export type QuantityUnit = (typeof QuantityUnits)[keyof typeof QuantityUnits];
export const QUANTITY_UNIT_LIST = list(QuantityUnits);

export const SeizedSubstances = Object.freeze({
  heroin: 'heroin',
  methamphetamine: 'methamphetamine',
  mdma: 'mdma',
  ketamine: 'ketamine',
  cannabis: 'cannabis',
  cocaine: 'cocaine',
  opium: 'opium',
  nps: 'nps',
  precursor: 'precursor',
  plants: 'plants',
} as const);
export type SeizedSubstance = (typeof SeizedSubstances)[keyof typeof SeizedSubstances];
export const SEIZED_SUBSTANCE_LIST = list(SeizedSubstances);

const U = QuantityUnits;
/** The units each substance may be measured in, as seizures are reported. */
export const SUBSTANCE_UNITS: Readonly<Record<SeizedSubstance, readonly QuantityUnit[]>> = Object.freeze({
  heroin: [U.g, U.kg],
  methamphetamine: [U.g, U.kg, U.tablet],
  mdma: [U.tablet, U.g, U.kg],
  ketamine: [U.g, U.kg],
  cannabis: [U.g, U.kg, U.plant],
  cocaine: [U.g, U.kg],
  opium: [U.g, U.kg],
  nps: [U.g, U.kg, U.tablet, U.ml, U.l],
  precursor: [U.g, U.kg, U.ml, U.l],
  plants: [U.plant, U.m2],
});

export function unitFits(substance: SeizedSubstance, unit: QuantityUnit): boolean {
  return SUBSTANCE_UNITS[substance]?.includes(unit) ?? false;
}

/** Mass and volume convert within their dimension (for totals in the larger unit); counts and areas do not. */
export const UNIT_DIMENSION: Readonly<Record<QuantityUnit, 'mass' | 'volume' | 'count' | 'plants' | 'area'>> =
  Object.freeze({ g: 'mass', kg: 'mass', ml: 'volume', l: 'volume', tablet: 'count', plant: 'plants', m2: 'area' });

export const ExhibitKinds = Object.freeze({
  cash: 'cash',
  vehicle: 'vehicle',
  phone: 'phone',
  weapon: 'weapon',
  other: 'other',
} as const);
export type ExhibitKind = (typeof ExhibitKinds)[keyof typeof ExhibitKinds];
export const EXHIBIT_KIND_LIST = list(ExhibitKinds);

/**
 * What one seizure records: a substance with its quantity and unit, or an exhibit with its count (cash: the
 * amount in đồng).
 */
export const SeizureKinds = Object.freeze({ substance: 'substance', exhibit: 'exhibit' } as const);
export type SeizureKind = (typeof SeizureKinds)[keyof typeof SeizureKinds];

export const SuspectRoles = Object.freeze({
  organiser: 'organiser',
  trader: 'trader',
  transporter: 'transporter',
  possessor: 'possessor',
  user: 'user',
  harbourer: 'harbourer',
  accomplice: 'accomplice',
  other: 'other',
} as const);
export type SuspectRole = (typeof SuspectRoles)[keyof typeof SuspectRoles];
export const SUSPECT_ROLE_LIST = list(SuspectRoles);

/** Preventive measures (biện pháp ngăn chặn). */
export const SuspectMeasures = Object.freeze({
  none: 'none',
  detention: 'detention',
  bail: 'bail',
  residence_ban: 'residence_ban',
  deposit: 'deposit',
} as const);
export type SuspectMeasure = (typeof SuspectMeasures)[keyof typeof SuspectMeasures];
export const SUSPECT_MEASURE_LIST = list(SuspectMeasures);

export const SuspectOutcomes = Object.freeze({
  pending: 'pending',
  prosecuted: 'prosecuted',
  charges_dropped: 'charges_dropped',
  wanted: 'wanted',
  convicted: 'convicted',
  acquitted: 'acquitted',
} as const);
export type SuspectOutcome = (typeof SuspectOutcomes)[keyof typeof SuspectOutcomes];
export const SUSPECT_OUTCOME_LIST = list(SuspectOutcomes);

export const HotspotKinds = Object.freeze({ point: 'point', cluster: 'cluster' } as const);
export type HotspotKind = (typeof HotspotKinds)[keyof typeof HotspotKinds];
export const HOTSPOT_KIND_LIST = list(HotspotKinds);

export const HotspotActivities = Object.freeze({ use: 'use', sale: 'sale', harbouring: 'harbouring' } as const);
export type HotspotActivity = (typeof HotspotActivities)[keyof typeof HotspotActivities];
export const HOTSPOT_ACTIVITY_LIST = list(HotspotActivities);
