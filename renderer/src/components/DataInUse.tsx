import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session-context';

/** Another HoSo program (a `hoso` command run on this workstation) has the data open: wait, then try again. */
export function DataInUse() {
  const { t } = useTranslation();
  const { retry } = useSession();
  return (
    <main style={{ paddingTop: 96 }}>
      <Result
        status="info"
        title={t('app.inUse.title')}
        subTitle={t('app.inUse.body')}
        extra={
          <Button type="primary" onClick={retry}>
            {t('app.inUse.retry')}
          </Button>
        }
      />
    </main>
  );
}
