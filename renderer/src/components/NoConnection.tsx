import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** The page was opened without the host: a browser tab without the trial link's token, or a broken bridge. */
export function NoConnection() {
  const { t } = useTranslation();
  return (
    <main style={{ paddingTop: 96 }}>
      <Result status="warning" title={t('app.noConnection.title')} subTitle={t('app.noConnection.body')} />
    </main>
  );
}
