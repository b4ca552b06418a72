import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import personsEn from './persons.en.json';
import personsVi from './persons.vi.json';
import vi from './vi.json';

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

export const i18n = i18next;
