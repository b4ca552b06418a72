import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { auditActionLabels } from '../../../shared/i18n/audit-action-labels';
import { investigationLabels } from '../../../shared/i18n/investigation-labels';
import { rehabIssues } from '../../../shared/i18n/rehab-labels';
import controlsEn from './controls.en.json';
import controlsVi from './controls.vi.json';
import en from './en.json';
import exchangeEn from './exchange.en.json';
import exchangeVi from './exchange.vi.json';
import homeEn from './home.en.json';
import homeVi from './home.vi.json';
import investigationsEn from './investigations.en.json';
import investigationsVi from './investigations.vi.json';
import personsEn from './persons.en.json';
import personsVi from './persons.vi.json';
import printEn from './print.en.json';
import printVi from './print.vi.json';
import rehabEn from './rehab.en.json';
import rehabVi from './rehab.vi.json';
import reportsEn from './reports.en.json';
import reportsVi from './reports.vi.json';
import vi from './vi.json';
import workdayEn from './workday.en.json';
import workdayVi from './workday.vi.json';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Vietnamese first: it is the language of the people who use HoSo; English is the alternative. */
void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
// The persons feature keeps its texts in files of its own, merged in deeply (nav, validation, audit keys too).
i18next.addResourceBundle('vi', 'translation', personsVi, true, false);
i18next.addResourceBundle('en', 'translation', personsEn, true, false);
// Investigations: screen texts, with the field errors of the shared label table (the same words as the CLI's).
i18next.addResourceBundle(
  'vi',
  'translation',
  { ...investigationsVi, validation: investigationLabels.vi.validation },
  true,
  false,
);
i18next.addResourceBundle(
  'en',
  'translation',
  { ...investigationsEn, validation: investigationLabels.en.validation },
  true,
  false,
);
// Rehabilitation: screen texts, with the field issues of the shared label table (the host's and the CLI's words).
i18next.addResourceBundle('vi', 'translation', { ...rehabVi, validation: rehabIssues.vi }, true, false);
i18next.addResourceBundle('en', 'translation', { ...rehabEn, validation: rehabIssues.en }, true, false);
i18next.addResourceBundle('vi', 'translation', workdayVi, true, false);
i18next.addResourceBundle('en', 'translation', workdayEn, true, false);
// Home (work queue, recent files), the workstation page, place pickers, units' edit.
i18next.addResourceBundle('vi', 'translation', homeVi, true, false);
i18next.addResourceBundle('en', 'translation', homeEn, true, false);

i18next.addResourceBundle('vi', 'translation', reportsVi, true, false);
i18next.addResourceBundle('en', 'translation', reportsEn, true, false);
// The print preview shared by every printed document (components/PrintPreviewModal.tsx).
i18next.addResourceBundle('vi', 'translation', printVi, true, false);
i18next.addResourceBundle('en', 'translation', printEn, true, false);
// The exchange screens (features/exchange).
i18next.addResourceBundle('vi', 'translation', exchangeVi, true, false);
i18next.addResourceBundle('en', 'translation', exchangeEn, true, false);
// Every audit action by name, from the one shared table (i18next reads dots as nesting: keys use underscores).
for (const lng of LANGUAGES) {
  const names = Object.fromEntries(
    Object.entries(auditActionLabels[lng]).map(([action, label]) => [action.replace(/\./g, '_'), label]),
  );
  i18next.addResourceBundle(lng, 'translation', { auditActions: names }, true, false);
}
// Texts of the shared controls (components/): the clear button of a select.
i18next.addResourceBundle('vi', 'translation', controlsVi, true, false);
i18next.addResourceBundle('en', 'translation', controlsEn, true, false);
export const i18n = i18next;
