import { useTranslation } from 'react-i18next';
import { rehabLabels, type RehabLabels } from '../../../../shared/i18n/rehab-labels';

/** The rehabilitation codes' labels (shared with the prints and the CLI) in the user's language. */
export function useRehabLabels(): RehabLabels & { language: 'vi' | 'en' } {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  return { ...rehabLabels[language], language };
}
