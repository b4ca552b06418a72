import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { useSession } from '../app/session-context';
import { LANGUAGES, type Language } from '../i18n';

/** Switches the interface language and saves it as a preference (allowed before sign-in too). */
export function LanguageSwitch() {
  const api = useApi();
  const { preferences, setPreferences } = useSession();
  const { t } = useTranslation();
  const choose = async (language: Language) => {
    setPreferences({ ...preferences, language });
    const r = await api.invoke('prefs.setLanguage', { language });
    if (r.ok) setPreferences(r.value);
  };
  return (
    <Segmented<Language>
      aria-label={t('lang.label')}
      value={preferences.language}
      onChange={(v) => void choose(v)}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  );
}
