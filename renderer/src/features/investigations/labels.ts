import { useTranslation } from 'react-i18next';
import { OFFENCES, clauseOf, offenceOf, type MaxPenalty } from '../../../../shared/domain/investigations';
import {
  investigationLabels,
  penaltyText,
  type InvestigationLabels,
} from '../../../../shared/i18n/investigation-labels';
import { commune, province } from '../../../../shared/places';

export type InvestigationLanguage = 'vi' | 'en';

export interface InvestigationVocabulary extends InvestigationLabels {
  language: InvestigationLanguage;
  /** "Điều 251 khoản 2" / "Art. 251(2)". */
  offence(article: string, clause: number): string;
  /** The article's title ("Tội mua bán trái phép chất ma túy"). */
  articleTitle(article: string): string;
  /** The clause's penalty bracket in words. */
  penalty(minYears: number, max: MaxPenalty): string;
  /** A clause's penalty bracket, looked up by article and clause ('' when unknown). */
  clausePenalty(article: string, clause: number): string;
  /** A quantity with its unit in Vietnamese number style: "1.250,5 gam". */
  quantity(quantity: number, unit: keyof InvestigationLabels['unit']): string;
  /** A count in Vietnamese number style ("12.000.000"). */
  count(n: number): string;
}

/** The investigations labels (shared with the print and the CLI) in the user's language. */
export function useInvestigationLabels(): InvestigationVocabulary {
  const { i18n } = useTranslation();
  const language: InvestigationLanguage = i18n.language === 'en' ? 'en' : 'vi';
  const numbers = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 3 });
  return {
    ...investigationLabels[language],
    language,
    offence: (article, clause) =>
      language === 'en' ? `Art. ${article}(${clause})` : `Điều ${article} khoản ${clause}`,
    articleTitle: (article) => offenceOf(article)?.title[language] ?? article,
    penalty: (min, max) => penaltyText(min, max, language),
    clausePenalty: (article, clause) => {
      const c = clauseOf(article, clause);
      return c ? penaltyText(c.minYears, c.maxPenalty, language) : '';
    },
    quantity: (q, unit) => `${numbers.format(q)} ${investigationLabels[language].unit[unit]}`,
    count: (n) => numbers.format(n),
  };
}

/** The articles of Chapter XX in the code's order (247 … 256, 256a, 257 …). */
export const ARTICLES = OFFENCES;

/** A commune by name ("Phường Minh Xuân"), with its province when asked; the code itself when unknown. */
export function communeName(code: string | null, withProvince = false): string {
  if (!code) return '';
  const c = commune(code);
  if (!c) return code;
  return withProvince ? [c.name, province(c.provinceCode)?.name].filter(Boolean).join(', ') : c.name;
}
