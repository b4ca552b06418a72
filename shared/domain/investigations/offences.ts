/**
 * The offences of the Criminal Code 2015 (amended 2017 and by Law 86/2025/QH15), Chapter XX "Drug crimes",
 * Art. 247–259 and 256a, as data: each clause that carries a prison bracket, with its range in years.
 *
 * Sources: DOMAIN.md (247–251 as given there); the rest from the code's text as published. Two facts to check
 * against the current code before shipping, kept here as data so a correction is one line:
 * - Law 86/2025/QH15 (in force 1/7/2025) abolished the death penalty for Art. 250 (transport): clause 4 is
 *   20 years or life. The severity class does not change (especially serious either way).
 * - Art. 256a (illegal use, from 1/7/2025): clause 1, 2–3 years; clause 2 (repeat), 3–5 years.
 * Clauses that only add fines or bans (e.g. 248 cl. 5) are not offences one is charged under and are left out.
 */

/** The heaviest penalty a bracket allows: years of prison, or life imprisonment, or death. */
export type MaxPenalty = number | 'life' | 'death';

export interface OffenceClause {
  clause: number;
  /** Years of prison at least (0 where the clause also allows a non-custodial sentence only). */
  minYears: number;
  maxPenalty: MaxPenalty;
  /** The clause also allows non-custodial reform (cải tạo không giam giữ) or a fine as the main penalty. */
  nonCustodial?: boolean;
}

export interface Offence {
  /** "247" … "259", "256a". */
  article: string;
  title: { vi: string; en: string };
  /** In force from (ISO date): only 256a has one. */
  inForceFrom?: string;
  clauses: readonly OffenceClause[];
}

const c = (clause: number, minYears: number, maxPenalty: MaxPenalty, nonCustodial = false): OffenceClause =>
  Object.freeze(nonCustodial ? { clause, minYears, maxPenalty, nonCustodial } : { clause, minYears, maxPenalty });

/** The standard four brackets of the trafficking offences: 2–7, 7–15, 15–20, then 20/life/(death). */
const heavy = (top: MaxPenalty) => [c(1, 2, 7), c(2, 7, 15), c(3, 15, 20), c(4, 20, top)];
/** 1–5, 5–10, 10–15, 15–20/life (possession, precursors). */
const possession = [c(1, 1, 5), c(2, 5, 10), c(3, 10, 15), c(4, 15, 'life')];

export const OFFENCES: readonly Offence[] = Object.freeze(
  [
    {
      article: '247',
      title: {
        vi: 'Tội trồng cây thuốc phiện, cây côca, cây cần sa hoặc các loại cây khác có chứa chất ma túy',
        en: 'Growing drug plants',
      },
      clauses: [c(1, 0.5, 3, true), c(2, 3, 7)],
    },
    {
      article: '248',
      title: { vi: 'Tội sản xuất trái phép chất ma túy', en: 'Illegal production of narcotics' },
      clauses: heavy('death'),
    },
    {
      article: '249',
      title: { vi: 'Tội tàng trữ trái phép chất ma túy', en: 'Illegal possession of narcotics' },
      clauses: possession,
    },
    {
      article: '250',
      title: { vi: 'Tội vận chuyển trái phép chất ma túy', en: 'Illegal transport of narcotics' },
      clauses: heavy('life'),
    },
    {
      article: '251',
      title: { vi: 'Tội mua bán trái phép chất ma túy', en: 'Illegal trading in narcotics' },
      clauses: heavy('death'),
    },
    {
      article: '252',
      title: { vi: 'Tội chiếm đoạt chất ma túy', en: 'Appropriation of narcotics' },
      clauses: heavy('life'),
    },
    {
      article: '253',
      title: {
        vi: 'Tội tàng trữ, vận chuyển, mua bán hoặc chiếm đoạt tiền chất dùng vào việc sản xuất trái phép chất ma túy',
        en: 'Possessing, transporting, trading or appropriating precursors',
      },
      clauses: possession,
    },
    {
      article: '254',
      title: {
        vi: 'Tội sản xuất, tàng trữ, vận chuyển, mua bán phương tiện, dụng cụ dùng vào việc sản xuất hoặc sử dụng trái phép chất ma túy',
        en: 'Tools and equipment for producing or using narcotics',
      },
      clauses: [c(1, 1, 5), c(2, 5, 10), c(3, 10, 15)],
    },
    {
      article: '255',
      title: { vi: 'Tội tổ chức sử dụng trái phép chất ma túy', en: 'Organising the illegal use of narcotics' },
      clauses: heavy('life'),
    },
    {
      article: '256',
      title: { vi: 'Tội chứa chấp việc sử dụng trái phép chất ma túy', en: 'Harbouring the illegal use of narcotics' },
      clauses: [c(1, 2, 7), c(2, 7, 15)],
    },
    {
      article: '256a',
      title: { vi: 'Tội sử dụng trái phép chất ma túy', en: 'Illegal use of narcotics' },
      inForceFrom: '2025-07-01',
      clauses: [c(1, 2, 3), c(2, 3, 5)],
    },
    {
      article: '257',
      title: { vi: 'Tội cưỡng bức người khác sử dụng trái phép chất ma túy', en: 'Forcing others to use narcotics' },
      clauses: heavy('life'),
    },
    {
      article: '258',
      title: { vi: 'Tội lôi kéo người khác sử dụng trái phép chất ma túy', en: 'Inducing others to use narcotics' },
      clauses: [c(1, 1, 5), c(2, 5, 10), c(3, 10, 'life')],
    },
    {
      article: '259',
      title: {
        vi: 'Tội vi phạm quy định về quản lý chất ma túy, tiền chất, thuốc gây nghiện, thuốc hướng thần',
        en: 'Violating rules on controlled narcotics, precursors and medicines',
      },
      clauses: [c(1, 1, 5, true), c(2, 5, 10), c(3, 10, 20)],
    },
  ].map((o) => Object.freeze({ ...o, clauses: Object.freeze(o.clauses) })),
);

export const ARTICLE_LIST: readonly string[] = Object.freeze(OFFENCES.map((o) => o.article));

const byArticle = new Map(OFFENCES.map((o) => [o.article, o]));

export function offenceOf(article: string): Offence | undefined {
  return byArticle.get(article);
}

export function clauseOf(article: string, clause: number): OffenceClause | undefined {
  return byArticle.get(article)?.clauses.find((x) => x.clause === clause);
}

/** An offence as a case records it: article and clause (point letters are not needed for severity). */
export interface OffenceRef {
  article: string;
  clause: number;
}

/** The longest prison term a clause allows, for comparison: life and death rank above any number of years. */
export function penaltyRank(max: MaxPenalty): number {
  return max === 'death' ? 1000 : max === 'life' ? 100 : max;
}
