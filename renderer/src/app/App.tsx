import { App as AntApp, ConfigProvider, Modal } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProvider } from '../api/api-context';
import type { ApiClient } from '../api/client';
import { FullPageSpin } from '../components/FullPageSpin';
import { DataInUse } from '../components/DataInUse';
import { NoConnection } from '../components/NoConnection';
import { SelectClearIcon } from '../components/SelectClearIcon';
import { MainLayout } from '../features/shell/MainLayout';
import { ForcedPasswordChange } from '../features/password/ForcedPasswordChange';
import { SetupWizard } from '../features/setup/SetupWizard';
import { UnlockScreen } from '../features/unlock/UnlockScreen';
import { setDayjsLanguage } from '../i18n/dates';
import { SessionProvider, useSession } from './session-context';
import { theme } from './theme';

/** Keeps i18next, dayjs, the page language and title in step with the saved preference. */
function LanguageSync() {
  const { preferences } = useSession();
  const { i18n, t } = useTranslation();
  useEffect(() => {
    void i18n.changeLanguage(preferences.language);
    setDayjsLanguage(preferences.language);
    document.documentElement.lang = preferences.language;
  }, [i18n, preferences.language]);
  useEffect(() => {
    document.title = t('app.windowTitle');
  }, [t, i18n.language]);
  return null;
}

function Screens() {
  const { phase, generation } = useSession();
  switch (phase.kind) {
    case 'loading':
      return <FullPageSpin />;
    case 'unreachable':
      return <NoConnection />;
    case 'in-use':
      return <DataInUse />;
    case 'setup':
      return <SetupWizard />;
    case 'locked':
      return <UnlockScreen reason={phase.reason} />;
    case 'signed-in':
      // Keyed by the sign-in generation: a lock unmounts the whole tree, and with it every piece of state.
      return phase.session.mustChangePassword ? (
        <ForcedPasswordChange key={generation} />
      ) : (
        <MainLayout key={generation} />
      );
  }
}

function Connected({ client }: { client: ApiClient }) {
  const { message, notification } = AntApp.useApp();
  // What lives outside the keyed tree: toasts, confirmation dialogs and a text selection that may quote a record.
  const clearOutsideTree = useCallback(() => {
    message.destroy();
    notification.destroy();
    Modal.destroyAll();
    window.getSelection()?.removeAllRanges();
  }, [message, notification]);
  return (
    <ApiProvider client={client}>
      <SessionProvider onLocked={clearOutsideTree}>
        <LanguageSync />
        <Screens />
      </SessionProvider>
    </ApiProvider>
  );
}

/** Every select's clear button: named in the user's language, not a Tab stop (see SelectClearIcon). */
const SELECT_CONFIG = { clearIcon: <SelectClearIcon /> };

export function App({ client }: { client: ApiClient | null }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme} select={SELECT_CONFIG}>
      <AntApp>{client ? <Connected client={client} /> : <NoConnection />}</AntApp>
    </ConfigProvider>
  );
}
