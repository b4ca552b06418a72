import type { DrillRecordType } from '../contract/reports';
import { offenceOf } from '../domain/investigations/offences';
import { investigationLabels } from './investigation-labels';
import { personLabels } from './person-labels';
import { rehabLabels } from './rehab-labels';

/**
 * The words for the codes a report shows (breakdown keys, drill-down rows, statistical tables), in both
 * languages, from each domain's own label table: the dashboard, the exports, the PDF and the CLI share them.
 * An unknown code is shown as it is.
 */
export type Lang = 'vi' | 'en';

const pick = (m: Readonly<Record<string, string>> | undefined, k: string | null): string | null =>
  k === null ? null : (m?.[k] ?? k);

/** A breakdown line's key of an indicator (a channel, a substance, a state, a key-area type). */
export function breakdownLabel(lang: Lang, indicatorId: string, key: string): string {
  const I = investigationLabels[lang];
  switch (indicatorId) {
    case 'tipsVerifiedRateByChannel':
      return pick(I.tipChannel, key)!;
    case 'seizuresBySubstance':
      return pick(I.substance, key)!;
    case 'referralsByState':
      return pick(rehabLabels[lang].referralState, key)!;
    case 'keyCommunesUnderTreatment':
      return lang === 'vi' ? `Loại ${key}` : `Type ${key}`;
    default:
      return key;
  }
}

/** A measuring unit of a seizure (kg, g, tablets, …). */
export function measureLabel(lang: Lang, measure: string | null | undefined): string {
  return measure ? pick(investigationLabels[lang].unit, measure)! : '';
}

/** An offence article as the report names it: "Điều 249 — Tội tàng trữ trái phép chất ma túy". */
export function articleLabel(lang: Lang, article: string): string {
  const o = offenceOf(article);
  const head = lang === 'vi' ? `Điều ${article}` : `Art. ${article}`;
  return o ? `${head} — ${o.title[lang]}` : head;
}

/** The state (`detail`) and the second code (`kind`) of a drill-down row, in words. */
export function drillCodes(
  lang: Lang,
  recordType: DrillRecordType,
  detail: string | null,
  kind: string | null,
): { detail: string | null; kind: string | null } {
  const I = investigationLabels[lang];
  const R = rehabLabels[lang];
  switch (recordType) {
    case 'person':
      return { detail: pick(personLabels[lang].category, detail), kind };
    case 'case':
      return { detail: pick(I.caseState, detail), kind };
    case 'tip':
      return { detail: pick(I.tipState, detail), kind: pick(I.tipChannel, kind) };
    case 'hotspot':
      return { detail: pick(I.hotspotStatus, detail), kind: pick(I.hotspotKind, kind) };
    case 'seizure':
      return { detail, kind: pick(I.substance, kind) };
    case 'referral':
      return { detail: pick(R.referralState, detail), kind };
    case 'stay':
      return { detail: pick(R.stayStatus, detail), kind: pick(R.stayIncident, kind) };
    case 'commune':
      return {
        detail: detail === 'drug_free' ? (lang === 'vi' ? 'Không ma túy' : 'Drug-free') : detail,
        kind: kind ? (lang === 'vi' ? `Trọng điểm loại ${kind}` : `Key area type ${kind}`) : null,
      };
  }
}

export const DRILL_RECORD_LABELS: Record<Lang, Record<DrillRecordType, string>> = {
  vi: {
    person: 'Người',
    case: 'Vụ án',
    tip: 'Tin báo',
    hotspot: 'Điểm, tụ điểm',
    seizure: 'Tang vật',
    referral: 'Hồ sơ đề nghị',
    stay: 'Lượt cai nghiện',
    commune: 'Xã, phường',
  },
  en: {
    person: 'Person',
    case: 'Case',
    tip: 'Tip',
    hotspot: 'Hot spot',
    seizure: 'Seizure',
    referral: 'Referral',
    stay: 'Stay',
    commune: 'Commune',
  },
};
